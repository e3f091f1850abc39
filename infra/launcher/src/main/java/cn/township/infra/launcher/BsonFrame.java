package cn.township.infra.launcher;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * BSON in an H2 page, as the on-disk server's data types store it: a tag, the length, the BSON; and the encoding
 * and decoding of the BSON itself.
 */
final class BsonFrame {

    private BsonFrame() {
    }

    static byte[] encode(Map<String, ?> document) {
        ByteBuf bson = Unpooled.buffer(512);
        try {
            BsonEncoder.encodeDocument(document, bson);
            byte[] bytes = new byte[bson.readableBytes()];
            bson.readBytes(bytes);
            return bytes;
        } finally {
            bson.release();
        }
    }

    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    static void write(WriteBuffer buffer, byte tag, byte[] bson) {
        buffer.put(tag).putVarInt(bson.length).put(bson);
    }

    /** @return the length of the BSON written after the tag and the length */
    static int write(WriteBuffer buffer, byte tag, Map<String, ?> document) {
        byte[] bson = encode(document);
        write(buffer, tag, bson);
        return bson.length;
    }

    /** The BSON of what {@link #write} wrote, from its tag on. */
    static byte[] readBytes(ByteBuffer buffer) {
        buffer.get();
        byte[] bson = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bson);
        return bson;
    }

    /** Reads what {@link #write} wrote, from its tag on. */
    static Document read(ByteBuffer buffer) {
        return decode(readBytes(buffer));
    }
}
