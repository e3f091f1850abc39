package cn.township.infra.launcher;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A non-unique index on one field for the on-disk server (mongo-java-server keeps none: a query by village, an
 * outbox sweep or a timer query read every document of the collection from disk). Entries are (value, document
 * id) in an MVStore map ordered by {@link IndexKeyType}, one per value of the field (every element of an array),
 * null for a document without it.
 *
 * <p>It picks the candidates of a query whose condition on its field is an equality, {@code $in}, a range
 * ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}), {@code $exists: true} or {@code $ne: null}, on strings,
 * numbers, dates or booleans, when few documents meet it; the server's own matcher then checks the whole query on
 * each, so the answer is the one a scan gives. Any other condition is left to the scan. Numbers are compared by
 * value, as the library's keys are.
 */
final class SecondaryIndex extends Index<Object> {

    private static final IndexKeyType ORDER = new IndexKeyType();
    /** A condition is selective when it picks at most a tenth of the entries, or this many. */
    private static final long SELECTIVE_FRACTION = 10;
    static final long SELECTIVE_MINIMUM = 256;
    /** Test hook: the number of candidates always selective enough (tests set it high to use every index). */
    static volatile long selectiveMinimum = SELECTIVE_MINIMUM;
    private static final Set<String> HANDLED = Set.of("$eq", "$in", "$gt", "$gte", "$lt", "$lte");

    private final MVMap<KeyValue, Object> map;
    private final String field;
    private final boolean built;
    /** The candidates {@link #canHandle} found, for the {@link #getPositions} call that follows on the same thread. */
    private final ThreadLocal<Candidates> found = new ThreadLocal<>();

    private record Candidates(Document query, Set<Object> positions) {
    }

    SecondaryIndex(MVMap<KeyValue, Object> map, String name, IndexKey key, boolean built) {
        super(name, List.of(key), false);
        this.map = map;
        this.field = key.getKey();
        this.built = built;
    }

    /** One field, ascending or descending alike (the map is read in either direction). */
    static boolean supports(List<IndexKey> keys) {
        return keys.size() == 1;
    }

    // ---- maintenance

    /**
     * The field's values in the document; an empty array, which gives the library no key, is held as
     * {@link Missing} (the field exists, for {@code $exists} and {@code $ne: null}; through an array, as in
     * {@code outbox.id} of {@code outbox: []}, it does not, and there is no entry).
     */
    private Set<Object> values(Document document) {
        Set<Object> values = new LinkedHashSet<>();
        for (KeyValue key : getKeyValues(document)) {
            values.add(key.get(0));
        }
        if (values.isEmpty() && valueAtPath(document) instanceof List<?> list && list.isEmpty()) {
            values.add(Missing.getInstance());
        }
        return values;
    }

    private Object valueAtPath(Document document) {
        Object value = document;
        for (String part : field.split("\\.")) {
            if (!(value instanceof Document d)) {
                return null;
            }
            value = d.get(part);
        }
        return value;
    }

    private static KeyValue entry(Object value, Object position) {
        return new KeyValue(value, position);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (Object value : values(document)) {
            map.put(entry(value, position), Boolean.TRUE);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = document.get("_id");
        for (Object value : values(document)) {
            map.remove(entry(value, position));
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        Set<Object> before = values(oldDocument);
        Set<Object> after = values(newDocument);
        for (Object value : before) {
            if (!after.contains(value)) {
                map.remove(entry(value, position));
            }
        }
        for (Object value : after) {
            if (!before.contains(value)) {
                map.put(entry(value, position), Boolean.TRUE);
            }
        }
    }

    /**
     * Asked only when the collection opens, whether to fill the index from its documents: an index never
     * completely filled (new, or interrupted while filling) is emptied and filled again.
     */
    @Override
    public boolean isEmpty() {
        if (built) {
            return false;
        }
        map.clear();
        return true;
    }

    @Override
    public void drop() {
        map.clear();
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    // ---- queries

    /**
     * Used when the condition is one it answers and selective: a condition most documents meet (a village of two,
     * {@code nextTimerAt $ne null} over open cases) is read faster by the scan, in the collection's order, than by
     * looking up tens of thousands of documents one by one (a first version without this check held a collection
     * for 35 s on dispatch's timer rescan).
     */
    @Override
    public boolean canHandle(Document query) {
        if (!answers(query)) {
            return false;
        }
        Limited positions = positions(query, Math.max(selectiveMinimum, map.sizeAsLong() / SELECTIVE_FRACTION));
        if (positions.full()) {
            return false;
        }
        found.set(new Candidates(query, positions));
        return true;
    }

    /**
     * How many documents the query matches, from the index alone, when the query is one condition on this field
     * and that condition is equality to a string, number or boolean (for those the entries are exactly the
     * documents a scan matches); -1 otherwise. A count then reads no document.
     */
    long countEqual(Document query) {
        if (query.size() != 1 || !answers(query)) {
            return -1;
        }
        Object condition = query.get(field);
        if (!(condition instanceof String || condition instanceof Number || condition instanceof Boolean)) {
            return -1;
        }
        return positions(query, Long.MAX_VALUE).size();
    }

    /** Whether the query's condition on this field is one the index answers (see the class comment). */
    private boolean answers(Document query) {
        if (!query.containsKey(field)) {
            return false;
        }
        Object condition = query.get(field);
        Document operators = operators(condition);
        if (operators == null) {
            return simple(condition);
        }
        for (Map.Entry<String, Object> op : operators.entrySet()) {
            boolean ok = switch (op.getKey()) {
                case "$exists" -> Boolean.TRUE.equals(op.getValue());
                case "$ne" -> op.getValue() == null;
                case "$in" -> op.getValue() instanceof Collection<?> values && values.stream().allMatch(SecondaryIndex::simple);
                default -> HANDLED.contains(op.getKey()) && simple(op.getValue()) && op.getValue() != null;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The condition's operators ({@code {$gt: …}}); null for a value to be equal to. */
    private static Document operators(Object condition) {
        return condition instanceof Document operators && !operators.isEmpty()
                && operators.keySet().iterator().next().startsWith("$") ? operators : null;
    }

    private static boolean simple(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Instant || value instanceof java.util.Date;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Candidates candidates = found.get();
        found.remove();
        return candidates != null && candidates.query() == query ? candidates.positions()
                : positions(query, Long.MAX_VALUE);
    }

    /** The candidates, or the first {@code limit + 1} of them. */
    private Limited positions(Document query, long limit) {
        Object condition = query.get(field);
        Limited positions = new Limited(limit);
        Document operators = operators(condition);
        if (operators == null) {
            equal(normalize(condition), positions);
            return positions;
        }
        if (operators.containsKey("$eq")) {
            equal(normalize(operators.get("$eq")), positions);
            return positions;
        }
        if (operators.containsKey("$in")) {
            for (Object value : (Collection<?>) operators.get("$in")) {
                equal(normalize(value), positions);
            }
            return positions;
        }
        Object lower = bound(operators, "$gt", "$gte");
        Object upper = bound(operators, "$lt", "$lte");
        if (lower == null && upper == null) {
            // $exists: true or $ne: null: every document the index holds (for $ne: null, those with a value); the
            // matcher drops those without the field
            boolean notNull = operators.containsKey("$ne");
            for (KeyValue key : map.keySet()) {
                if (positions.full()) {
                    break;
                }
                if (!notNull || key.get(0) != null) {
                    positions.add(key.get(1));
                }
            }
            return positions;
        }
        if (lower != null && upper != null && lower.getClass() != upper.getClass()) {
            return positions; // no value lies in both a range of one type and one of another
        }
        Object start = lower != null ? lower : smallest(upper);
        Cursor<KeyValue, Object> cursor = map.cursor(new KeyValue(start));
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            Object value = key.get(0);
            // the values of one type are contiguous in the index's order: another type means past the range
            if (value == null || value.getClass() != start.getClass() || (upper != null && compare(value, upper) > 0)
                    || positions.full()) {
                break;
            }
            positions.add(key.get(1));
        }
        return positions;
    }

    private void equal(Object value, Limited positions) {
        Cursor<KeyValue, Object> cursor = map.cursor(new KeyValue(value));
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            if (compare(key.get(0), value) != 0 || positions.full()) {
                break;
            }
            positions.add(key.get(1));
        }
    }

    /**
     * The tighter of a strict and an inclusive bound, normalised (the matcher tells strict from inclusive); null
     * when neither is given.
     */
    private Object bound(Document operators, String strict, String inclusive) {
        Object a = operators.containsKey(strict) ? normalize(operators.get(strict)) : null;
        Object b = operators.containsKey(inclusive) ? normalize(operators.get(inclusive)) : null;
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return a != null ? a : b;
        }
        int c = compare(a, b);
        return strict.equals("$gt") ? (c >= 0 ? a : b) : (c <= 0 ? a : b);
    }

    /** The value of a query as this index's keys hold it (numbers as doubles, as the library normalises them). */
    private Object normalize(Object value) {
        return getKeyValues(new Document(field, value)).iterator().next().get(0);
    }

    /** The first value of the given value's type in the index's order. */
    private static Object smallest(Object value) {
        return switch (value) {
            case String ignored -> "";
            case Double ignored -> Double.NEGATIVE_INFINITY;
            case Instant ignored -> Instant.MIN;
            case java.util.Date ignored -> new java.util.Date(Long.MIN_VALUE);
            case Boolean ignored -> Boolean.FALSE;
            default -> value;
        };
    }

    private static int compare(Object a, Object b) {
        return ORDER.compare(new KeyValue(a), new KeyValue(b));
    }

    /** Positions in the order found, refusing more once it holds {@code limit + 1}. */
    private static final class Limited extends LinkedHashSet<Object> {

        private final long limit;

        Limited(long limit) {
            this.limit = limit;
        }

        boolean full() {
            return size() > limit;
        }

        @Override
        public boolean add(Object position) {
            return !full() && super.add(position);
        }
    }
}
