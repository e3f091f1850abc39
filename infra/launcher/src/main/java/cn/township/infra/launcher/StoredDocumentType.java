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

    /** A stored document: its BSON bytes, decoded anew for every read. */
    record Bson(byte[] bytes) {

        static Bson of(Document document) {
            return new Bson(BsonFrame.encode(document));
        }

        Document decode() {
            return BsonFrame.decode(bytes);
        }
    }

    /**
     * A fresh document from a stored value: its BSON decoded, or a deep copy of a document read from a data file of an
     * earlier version (H2's object type) until it is next written; null for none.
     */
    static Document decode(Object stored) {
        return switch (stored) {
            case null -> null;
            case Bson bson -> bson.decode();
            case Document document -> document.cloneDeeply();
            default -> throw new IllegalStateException("not a stored document: " + stored.getClass().getName());
        };
    }

    @Override
    public int getMemory(Object value) {
        return switch (value) {
            case Bson bson -> 32 + bson.bytes().length;
            case Document ignored -> averageMemory;
            default -> fallback.getMemory(value);
        };
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof Bson bson) {
            BsonFrame.write(buffer, BSON_DOCUMENT, bson.bytes());
        } else if (value instanceof Document document) {
            estimate(BsonFrame.write(buffer, BSON_DOCUMENT, document));
        } else {
            fallback.write(buffer, value);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) == BSON_DOCUMENT) {
            return new Bson(BsonFrame.readBytes(buffer));
        }
        int start = buffer.position();
        Object value = fallback.read(buffer);
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
        if (a instanceof Bson x && b instanceof Bson y) {
            return java.util.Arrays.compare(x.bytes(), y.bytes());
        }
        return a.equals(b) ? 0 : fallback.compare(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
