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

/** A BSON document in an H2 page, as the on-disk server's data types store it: a tag, the length, the BSON. */
final class BsonFrame {

    private BsonFrame() {
    }

    /** @return the length of the BSON written after the tag and the length */
    static int write(WriteBuffer buffer, byte tag, Map<String, ?> document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            int length = bson.readableBytes();
            buffer.put(tag).putVarInt(length);
            buffer.put(bson.nioBuffer());
            return length;
        } finally {
            bson.release();
        }
    }

    /** Reads what {@link #write} wrote, from its tag on. */
    static Document read(ByteBuffer buffer) {
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        ByteBuffer slice = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }
}
