package cn.township.infra.launcher;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The keys of the on-disk server's unique indexes ({@link KeyValue}s), ordered by their values instead of by
 * their Java serialization: H2's object type serialised both keys of every comparison of a binary search (an
 * eighth of the server's CPU under the platform benchmark).
 *
 * <p>The order: by the kind of each value (null, missing, each number class, string, document, list, then any
 * other class by name), then within a kind by the values' natural order; documents and lists field by field. Two
 * keys compare equal exactly when they are equal, as the index's lookups need. A value of a class with no natural
 * order falls back to H2's comparison. Keys of strings, ints, longs and nulls (nearly all) are written value by value,
 * other keys as BSON, and a key BSON cannot hold by H2's serialization.
 */
final class IndexKeyType extends BasicDataType<Object> {

    /** Unused by {@link ObjectDataType}, whose tags end at 119. */
    static final byte BSON_KEY = 125;
    /** A key of strings, ints, longs, nulls and missing values only, written value by value. */
    static final byte SIMPLE_KEY = 124;

    private final ObjectDataType fallback = new ObjectDataType();

    @Override
    public int getMemory(Object key) {
        return key instanceof KeyValue k ? 48 + 32 * k.size() : fallback.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (key instanceof KeyValue k && simple(k)) {
            // the common case (ids, ticket numbers, message ids): written directly, no BSON document per key
            buffer.put(SIMPLE_KEY).putVarInt(k.size());
            for (Object value : k) {
                switch (value) {
                    case String text -> buffer.put((byte) 1).putVarInt(text.length()).putStringData(text, text.length());
                    case Integer number -> buffer.put((byte) 2).putInt(number);
                    case Long number -> buffer.put((byte) 3).putLong(number);
                    case null -> buffer.put((byte) 4);
                    default -> buffer.put((byte) 5); // Missing
                }
            }
            return;
        }
        Document values = key instanceof KeyValue k ? asDocument(k) : null;
        if (values == null) {
            fallback.write(buffer, key);
            return;
        }
        BsonFrame.write(buffer, BSON_KEY, values);
    }

    private static boolean simple(KeyValue key) {
        for (Object value : key) {
            if (!(value == null || value instanceof String || value instanceof Integer || value instanceof Long
                    || value instanceof Missing)) {
                return false;
            }
        }
        return true;
    }

    /** The key's values as fields "0", "1", …; null when one of them is not a BSON value. */
    private static Document asDocument(KeyValue key) {
        Document values = new Document();
        int i = 0;
        for (Object value : key) {
            if (value instanceof Missing) {
                return null;
            }
            try {
                BsonEncoder.determineType(value);
            } catch (RuntimeException e) {
                return null;
            }
            values.put(Integer.toString(i++), value);
        }
        return values;
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte tag = buffer.get(buffer.position());
        if (tag == SIMPLE_KEY) {
            buffer.get();
            Object[] values = new Object[DataUtils.readVarInt(buffer)];
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (buffer.get()) {
                    case 1 -> DataUtils.readString(buffer);
                    case 2 -> buffer.getInt();
                    case 3 -> buffer.getLong();
                    case 4 -> null;
                    default -> Missing.getInstance();
                };
            }
            return new KeyValue(values);
        }
        if (tag != BSON_KEY) {
            return fallback.read(buffer);
        }
        return new KeyValue(BsonFrame.read(buffer).values());
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            return compareKeys(x, y);
        }
        return fallback.compare(a, b);
    }

    // compareKeys and compareLists are the same loop over two types with no common view: one loop taking accessor
    // lambdas allocated two of them per comparison, on the server's hottest path
    private int compareKeys(KeyValue x, KeyValue y) {
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            int c = compareValues(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private int compareLists(List<?> x, List<?> y) {
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            int c = compareValues(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int compareValues(Object a, Object b) {
        if (a instanceof String s && b instanceof String t) {
            return s.compareTo(t); // ids, ticket numbers, message ids: nearly every comparison, without the kind switch
        }
        int ka = kind(a);
        int kb = kind(b);
        if (ka != kb) {
            return Integer.compare(ka, kb);
        }
        if (a == null || a == b) {
            return 0;
        }
        if (a.getClass() != b.getClass()) {
            int byName = a.getClass().getName().compareTo(b.getClass().getName());
            if (byName != 0) {
                return byName;
            }
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
            while (i.hasNext() && j.hasNext()) {
                Map.Entry<?, ?> e = i.next();
                Map.Entry<?, ?> f = j.next();
                int c = String.valueOf(e.getKey()).compareTo(String.valueOf(f.getKey()));
                if (c == 0) {
                    c = compareValues(e.getValue(), f.getValue());
                }
                if (c != 0) {
                    return c;
                }
            }
            return Boolean.compare(i.hasNext(), j.hasNext());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return compareLists(x, y);
        }
        if (a instanceof Comparable && !(a instanceof java.math.BigDecimal)) {
            return ((Comparable) a).compareTo(b);
        }
        return a.equals(b) ? 0 : fallback.compare(a, b);
    }

    /** Values of different kinds never compare equal; the numbers' classes are kinds of their own, as before. */
    private static int kind(Object value) {
        return switch (value) {
            case null -> 0;
            case Missing ignored -> 1;
            case Integer ignored -> 2;
            case Long ignored -> 3;
            case Double ignored -> 4;
            case Number ignored -> 5;
            case String ignored -> 6;
            case Map<?, ?> ignored -> 7;
            case List<?> ignored -> 8;
            default -> 9;
        };
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
