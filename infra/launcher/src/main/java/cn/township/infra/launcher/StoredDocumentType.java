package cn.township.infra.launcher;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * How the on-disk server stores a collection's documents: as BSON, the form they arrive in, instead of H2's
 * default Java serialization of the server's document maps (which took about half of the server's CPU under the
 * platform benchmark: every page read from disk deserialised {@code HashMap}s field by field, every page written
 * serialised them again).
 *
 * <p>A stored BSON document starts with a tag H2's own object type never writes; anything else (documents
 * written by an earlier version, the collection's bookkeeping values) is read and written by H2's object type, so
 * an existing data file opens unchanged and each document moves to BSON when it is next written.
 */
final class StoredDocumentType extends BasicDataType<Object> {

    /** Unused by {@link ObjectDataType}, whose tags end at 119. */
    static final byte BSON_DOCUMENT = 126;

    private final ObjectDataType fallback = new ObjectDataType();
    /** A running estimate of a document's size in the page cache. */
    private volatile int averageMemory = 1024;

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageMemory : fallback.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof Document document) {
            estimate(BsonFrame.write(buffer, BSON_DOCUMENT, document));
        } else {
            fallback.write(buffer, value);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        int start = buffer.position();
        Object value = buffer.get(start) == BSON_DOCUMENT ? BsonFrame.read(buffer) : fallback.read(buffer);
        if (value instanceof Document) {
            estimate(buffer.position() - start);
        }
        return value;
    }

    /** Decoded maps take several times their stored size on the heap; the page cache counts this estimate. */
    private void estimate(int storedLength) {
        averageMemory = (averageMemory * 15 + storedLength * 4) / 16;
    }

    @Override
    public int compare(Object a, Object b) {
        return a.equals(b) ? 0 : fallback.compare(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
