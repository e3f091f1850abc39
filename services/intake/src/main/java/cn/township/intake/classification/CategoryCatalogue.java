package cn.township.intake.classification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The category catalogue, loaded from a data file (see {@code intake/categories.json}). */
public final class CategoryCatalogue {

    private final Map<String, Category> byCode = new LinkedHashMap<>();

    public CategoryCatalogue(List<Category> categories) {
        for (Category c : categories) {
            if (c.code() == null || c.code().isBlank() || c.leadDepartment() == null || c.deadlineClass() == null) {
                throw new IllegalArgumentException("catalogue entry needs code, leadDepartment and deadlineClass: " + c);
            }
            if (byCode.put(c.code(), c) != null) {
                throw new IllegalArgumentException("catalogue lists category " + c.code() + " twice");
            }
        }
    }

    public Optional<Category> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public List<Category> all() {
        return List.copyOf(byCode.values());
    }
}
