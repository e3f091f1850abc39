package cn.township.infra.launcher;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The on-disk backend: mongo-java-server's H2 MVStore backend with the store's page cache sized for the
 * platform, documents stored as BSON ({@link StoredDocumentType}), unique indexes ordered by value
 * ({@link IndexKeyType}) and answering queries that name their keys and more ({@link KeyedIndex}).
 *
 * <p>An index map written by the library's own backend (ordered by Java serialization) cannot be searched in
 * the new order, so indexes live in maps of a new name ({@value #INDEX_SUFFIX}); an empty index is filled from
 * the collection's documents when the collection opens, so a data file written before this class opens with
 * every index rebuilt once (the old maps stay in the file, unused).
 *
 * <p>Opening a data file reads no documents once every index is built. The library fills an index from the
 * whole collection whenever the index is empty when its collection opens; it took an empty sparse unique index,
 * and every secondary index (which it does not keep: queries scan), for unbuilt at every start, and read the
 * collection twice for each: 23 s each for a 4 GB {@code cases} collection, three minutes in all. An index
 * now records in its collection's meta map that it was built ({@value #BUILT}). Secondary indexes on one field
 * are kept ({@link SecondaryIndex}); others are not, and there is nothing to fill.
 */
final class DiskBackend extends H2Backend {

    static final String INDEX_SUFFIX = ".byValue";
    /** Prefix of the key in a collection's meta map recording that the index of that name was filled. */
    static final String BUILT = "township.indexBuilt.";
    /**
     * The same for a {@link SecondaryIndex}, with the version of its entries: a new version (2: empty arrays
     * have an entry) fills the index once more.
     */
    static final String BUILT_SECONDARY = "township.secondaryIndexBuilt.2.";
    private static final StoredDocumentType DOCUMENTS = new StoredDocumentType();
    private static final IndexKeyType KEYS = new IndexKeyType();
    private static final VarHandle STORE;

    static {
        try {
            STORE = MethodHandles.privateLookupIn(H2Database.class, MethodHandles.lookup())
                    .findVarHandle(H2Database.class, "mvStore", MVStore.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    DiskBackend(MVStore store) {
        super(store);
    }

    /** @param cacheMegabytes the page cache (H2's default is 16 MB, a fraction of the platform's working set) */
    static DiskBackend open(String file, int cacheMegabytes) {
        return new DiskBackend(new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes).open());
    }

    /** The same backend over a store without a file (nothing survives the process). */
    static DiskBackend withoutFile() {
        return new DiskBackend(new MVStore.Builder().open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        return new Database(name, getMvStore(), this);
    }

    private static final class Database extends H2Database {

        Database(String name, MVStore store, DiskBackend backend) {
            super(name, store, backend.getCursorRegistry());
        }

        /** The store; a method, as the superclass's constructor opens collections before fields are set. */
        private MVStore store() {
            return (MVStore) STORE.get(this);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collection);
            MVMap<Object, Document> data = store().openMap("databases." + namespace,
                    new MVMap.Builder<Object, Document>().valueType(cast(DOCUMENTS)));
            return new Collection(this, collection, options, data, meta(collection), cursorRegistry);
        }

        private MVMap<String, Object> meta(String collection) {
            return store().openMap("meta." + getFullCollectionNamespace(collection));
        }

        /** Counts ({@code countDocuments}) are answered by {@link #count}; every other command as the library does. */
        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                      Oplog oplog) {
            if ("aggregate".equals(command)) {
                Document counted = count(query);
                if (counted != null) {
                    return counted;
                }
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
        }

        /**
         * The driver's {@code countDocuments}: an aggregation {@code [{$match}, ({$skip}), ({$limit}),
         * {$group: {_id: 1, n: {$sum: 1}}}]}, answered by counting documents one at a time. The library's
         * aggregation first collects every matching document in a list: counting ~104,000 tickets held all of
         * them decoded at once, more than the server's heap, and it stopped answering anyone for seconds at a time.
         *
         * @return the aggregation's answer, or null when the pipeline is not such a count
         */
        private Document count(Document command) {
            if (!(command.get("aggregate") instanceof String name) || !(command.get("pipeline") instanceof List<?> stages)
                    || stages.size() < 2 || stages.size() > 4) {
                return null;
            }
            Document match = stage(stages.getFirst(), "$match");
            Document group = stage(stages.getLast(), "$group");
            if (match == null || group == null || group.size() != 2 || !group.containsKey("_id")) {
                return null;
            }
            String field = group.keySet().stream().filter(k -> !k.equals("_id")).findFirst().orElseThrow();
            if (!(group.get(field) instanceof Document sum) || sum.size() != 1
                    || !(sum.get("$sum") instanceof Number one) || one.intValue() != 1) {
                return null;
            }
            long skip = 0;
            long limit = Long.MAX_VALUE;
            for (Object stage : stages.subList(1, stages.size() - 1)) {
                if (stage instanceof Document d && d.get("$skip") instanceof Number n && d.size() == 1) {
                    skip = n.longValue();
                } else if (stage instanceof Document d && d.get("$limit") instanceof Number n && d.size() == 1) {
                    limit = n.longValue();
                } else {
                    return null;
                }
            }
            long matching = resolveCollection(name, false) instanceof Collection c ? c.countMatching(match) : 0;
            long counted = Math.max(0, Math.min(matching - skip, limit));
            List<Document> batch = counted == 0 ? List.of()
                    : List.of(new Document("_id", group.get("_id")).append(field, counted > Integer.MAX_VALUE
                            ? (Object) counted : (Object) (int) counted));
            Document cursor = new Document("firstBatch", batch).append("id", 0L)
                    .append("ns", getFullCollectionNamespace(name));
            return new Document("cursor", cursor).append("ok", 1.0);
        }

        /** The stage's argument when the stage is {@code {operator: <document>}}, else null. */
        private static Document stage(Object stage, String operator) {
            return stage instanceof Document d && d.size() == 1 && d.get(operator) instanceof Document argument
                    ? argument : null;
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys,
                                                        boolean sparse) {
            String name = indexMap(collection, index);
            MVMap<KeyValue, Object> map = store().openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(cast(KEYS)));
            boolean built = meta(collection).containsKey(BUILT + index);
            return KeyedIndex.wrap(new UniqueIndex(map, index, keys, sparse, built));
        }

        /**
         * A {@link SecondaryIndex} for one field; an index of several fields is not kept (queries scan, as with the
         * library's own backends), so there is nothing to fill at start.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collection, String index, List<IndexKey> keys,
                                                           boolean sparse) {
            if (SecondaryIndex.supports(keys)) {
                MVMap<KeyValue, Object> map = store().openMap(indexMap(collection, index),
                        new MVMap.Builder<KeyValue, Object>().keyType(cast(KEYS)));
                return new SecondaryIndex(map, index, keys.getFirst(),
                        meta(collection).containsKey(BUILT_SECONDARY + index));
            }
            return new EmptyIndex<>(index, keys) {
                @Override
                public boolean isEmpty() {
                    return false;
                }
            };
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String index) {
            super.dropIndex(collection, index);
            meta(collection.getCollectionName()).remove(BUILT + index);
            meta(collection.getCollectionName()).remove(BUILT_SECONDARY + index);
            String name = indexMap(collection.getCollectionName(), index);
            if (store().hasMap(name)) {
                store().removeMap(name);
            }
        }

        private String indexMap(String collection, String index) {
            return getFullCollectionNamespace(collection) + "._index_" + index + INDEX_SUFFIX;
        }

        @SuppressWarnings("unchecked")
        private static <T> org.h2.mvstore.type.DataType<T> cast(org.h2.mvstore.type.DataType<?> type) {
            return (org.h2.mvstore.type.DataType<T>) type;
        }
    }

    /**
     * Keeps each document as its BSON bytes ({@link StoredDocumentType.Bson}) and decodes a fresh one for every
     * read. The page cache then holds one array per document instead of a tree of maps, strings and boxed values:
     * a quarter of the heap for the same documents, and nothing for the collector to trace or copy but the array.
     * (Held as decoded maps, the cache's pages survived young collections and filled the old generation: under the
     * platform benchmark the server stopped for ~10 % of the time.) Every read hands out its own copy, never the
     * stored document: the server applies an update by changing the document it found in place.
     */
    private static final class Collection extends H2Collection {

        private final MVMap<String, Object> meta;
        private final MVMap<Object, Object> data;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta, de.bwaldvogel.mongo.backend.CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
            this.meta = meta;
            this.data = (MVMap) data;
        }

        /** Fills the index if it was never built (see the class comment), then records that it is. */
        @Override
        public void addIndex(Index<Object> index) {
            // filling a new index reads the whole collection while the index's own writes go to disk
            reading(() -> {
                super.addIndex(index);
                return null;
            });
            if (index instanceof SecondaryIndex) {
                meta.put(BUILT_SECONDARY + index.getName(), Boolean.TRUE);
            } else if (index.isUnique()) {
                meta.put(BUILT + index.getName(), Boolean.TRUE);
            }
        }

        /**
         * Runs a query without the collection's lock. The library takes it for every query as for every write, so
         * one long read held up every write and read of its collection: a count over ~104,000 tickets read from disk
         * for over 30 s while every push waited and timed out. The maps are MVStore maps, safe to read while they
         * are written; a query sees each document as it is when read (the matcher checks every candidate an index
         * gives against the document itself), as a MongoDB query does outside a transaction. Writes keep the lock.
         */
        @Override
        public QueryResult handleQuery(QueryParameters parameters) {
            Document selector = parameters.getQuerySelector();
            Document query = selector;
            Document orderBy = null;
            // the legacy wire form wraps the filter: {query: ..., orderby: ...} or {$query: ..., $orderby: ...}
            for (String wrapper : List.of("query", "$query")) {
                if (selector.containsKey(wrapper)) {
                    query = (Document) selector.get(wrapper);
                    orderBy = (Document) selector.get(wrapper.startsWith("$") ? "$orderby" : "orderby");
                    break;
                }
            }
            Document filter = query;
            Document order = orderBy;
            return reading(() -> queryDocuments(filter, order, parameters.getNumberToSkip(), parameters.getLimit(),
                    parameters.getBatchSize(), parameters.getProjection()));
        }

        /**
         * Runs a read with the store's current version registered as in use, so that the chunks it reads are not
         * freed under it. H2 frees a chunk without live pages once it is older than the retention time (45 s); a read
         * that began on an older root then failed with "Chunk … not found" (a count of 352,189 tickets read from
         * disk, seen as an internal error by intake). Registered, no chunk of that version is freed until the read ends.
         */
        private <T> T reading(Supplier<T> read) {
            MVStore store = data.getStore();
            MVStore.TxCounter inUse = store.registerVersionUsage();
            try {
                return read.get();
            } finally {
                store.deregisterVersionUsage(inUse);
            }
        }

        /**
         * How many documents match: the map's size when the query is empty; the entries of a secondary index for one
         * equality on its field ({@link SecondaryIndex#countEqual}); else each document read and dropped in turn, the
         * candidates of an index that can answer the query or every document.
         */
        long countMatching(Document query) {
            if (query.isEmpty()) {
                return data.size();
            }
            Document condition = oneCondition(query);
            return reading(() -> {
                if (condition != null) {
                    for (Index<Object> index : getIndexes()) {
                        long counted = index instanceof SecondaryIndex secondary
                                ? secondary.countEqual(condition) : -1;
                        if (counted >= 0) {
                            return counted;
                        }
                    }
                }
                Stream<Object> stored = getIndexes().stream().filter(index -> index.canHandle(query)).findFirst()
                        .map(index -> StreamSupport.stream(index.getPositions(query).spliterator(), false).map(data::get))
                        .orElseGet(() -> data.values().stream());
                return stored.filter(Objects::nonNull).map(StoredDocumentType::decode)
                        .filter(document -> documentMatchesQuery(document, query)).count();
            });
        }

        /**
         * The query as one condition: itself when it has one field, or the one non-empty part of an {@code $and}
         * whose other parts are empty (the driver writes a scope that lets everything through and a condition as
         * {@code {$and: [{}, {source: "GRID"}]}}); null for anything else.
         */
        static Document oneCondition(Document query) {
            if (query.size() == 1 && query.get("$and") instanceof List<?> parts) {
                Document only = null;
                for (Object part : parts) {
                    if (!(part instanceof Document d)) {
                        return null;
                    }
                    if (!d.isEmpty()) {
                        if (only != null) {
                            return null;
                        }
                        only = d;
                    }
                }
                return only == null ? null : oneCondition(only);
            }
            return query.size() == 1 && !query.keySet().iterator().next().startsWith("$") ? query : null;
        }

        @Override
        protected Document getDocument(Object position) {
            return StoredDocumentType.decode(data.get(position));
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
            Object previous = data.put(Missing.ofNullable(key), StoredDocumentType.Bson.of(document));
            if (previous != null) {
                throw new IllegalStateException("a document with key " + key + " exists");
            }
            return key;
        }

        @Override
        protected void removeDocument(Object position) {
            if (data.remove(position) == null) {
                throw new NoSuchElementException("no document at " + position);
            }
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            data.put(Missing.ofNullable(position), StoredDocumentType.Bson.of(newDocument));
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            return data.entrySet().stream()
                    .map(e -> new DocumentWithPosition<>(StoredDocumentType.decode(e.getValue()), e.getKey()));
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document fieldSelector) {
            Stream<Document> documents;
            if (orderBy != null && !orderBy.isEmpty() && "$natural".equals(orderBy.keySet().iterator().next())
                    && orderBy.get("$natural") instanceof Number n && n.intValue() == -1) {
                documents = streamAllDocumentsWithPosition()
                        .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument);
            } else {
                documents = data.values().stream().map(StoredDocumentType::decode);
            }
            return matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, fieldSelector);
        }
    }

    /** A unique index in an MVStore map from key to the document's position (its {@code _id}). */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;
        private final boolean built;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse, boolean built) {
            super(name, keys, sparse);
            this.map = map;
            this.built = built;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        /** Asked only when the collection opens, whether to fill the index from its documents. */
        @Override
        public boolean isEmpty() {
            return !built && map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
