package cn.township.intake.receiving;

/** The submission names a category the catalogue does not list: HTTP 422 naming the field. */
public class UnknownCategory extends RuntimeException {

    private final String field;

    public UnknownCategory(String field, String code) {
        super("category '" + code + "' is not in the catalogue");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
