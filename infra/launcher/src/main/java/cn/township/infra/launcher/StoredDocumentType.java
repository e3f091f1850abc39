package cn.township.infra.launcher;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
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
            ByteBuf bson = Unpooled.buffer(512);
            try {
                BsonEncoder.encodeDocument(document, bson);
                byte[] bytes = new byte[bson.readableBytes()];
                bson.readBytes(bytes);
                return new Bson(bytes);
            } finally {
                bson.release();
            }
        }

        Document decode() {
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
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
            buffer.put(BSON_DOCUMENT).putVarInt(bson.bytes().length).put(bson.bytes());
        } else if (value instanceof Document document) {
            estimate(BsonFrame.write(buffer, BSON_DOCUMENT, document));
        } else {
            fallback.write(buffer, value);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) == BSON_DOCUMENT) {
            buffer.get();
            byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
            buffer.get(bytes);
            return new Bson(bytes);
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
