package cn.township.infra.launcher;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

import java.util.List;

/**
 * A unique index (the primary key above all) that also answers queries naming its keys AND other fields.
 *
 * <p>mongo-java-server only uses a unique index when the query's fields are exactly the index's keys, so
 * {@code {_id: "C-1", version: 3}} (every optimistic write) or {@code {_id: "T-1", status: "SENDING"}} scanned
 * the whole collection under its lock. Here the index picks the candidates by its keys and the server's own
 * matcher still checks every other condition on them, so the answer is the same, from one or a few documents.
 * Everything else is the wrapped index's own behaviour.
 */
final class KeyedIndex<P> extends Index<P> {

    private final Index<P> delegate;

    private KeyedIndex(Index<P> delegate) {
        super(delegate.getName(), delegate.getKeys(), Boolean.TRUE.equals(delegate.toIndexDescription().get("sparse")));
        this.delegate = delegate;
    }

    static <P> Index<P> wrap(Index<P> index) {
        return index instanceof KeyedIndex<P> ? index : new KeyedIndex<>(index);
    }

    /** The query's conditions on this index's keys alone; null when it does not name every key. */
    private Document onKeys(Document query) {
        Document keys = new Document();
        for (String key : keys()) {
            if (!query.containsKey(key)) {
                return null;
            }
            keys.put(key, query.get(key));
        }
        return keys;
    }

    @Override
    public boolean canHandle(Document query) {
        Document keys = onKeys(query);
        return keys != null && delegate.canHandle(keys);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        Document keys = onKeys(query);
        return delegate.getPositions(keys != null ? keys : query);
    }

    @Override
    public P getPosition(Document document) {
        return delegate.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        delegate.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        delegate.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return delegate.remove(document);
    }

    @Override
    public long getCount() {
        return delegate.getCount();
    }

    @Override
    public boolean isEmpty() {
        return delegate.isEmpty();
    }

    @Override
    public long getDataSize() {
        return delegate.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        delegate.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        delegate.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        delegate.drop();
    }

    @Override
    public boolean isUnique() {
        return delegate.isUnique();
    }

    @Override
    public Document toIndexDescription() {
        return delegate.toIndexDescription();
    }

    /** The in-memory backend with keyed unique indexes. */
    static final class Memory extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String name) {
            return new MemoryDatabase(name, getCursorRegistry()) {
                @Override
                protected Index<Integer> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys,
                                                                 boolean sparse) {
                    return wrap(super.openOrCreateUniqueIndex(collection, index, keys, sparse));
                }
            };
        }
    }
}
