package cn.township.intake.classification;

import java.util.List;

/** One entry of the category catalogue: what the problem is, which department leads it, how fast. */
public record Category(String code, String name, String group, String leadDepartment, String deadlineClass,
                       String description, List<String> keywords) {

    public Category {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
