package cn.township.village.project;

import cn.township.contracts.village.ProjectCompleted;
import cn.township.village.persistence.AggregateStore;
import cn.township.village.rule.Change;
import cn.township.village.rule.RuleViolation;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A livelihood project (民生实事) meant to remove a class of complaints: the complaint categories it addresses
 * and the area (a grid; none = the whole village). PLANNED, then IN_PROGRESS, then COMPLETED.
 */
public record Project(String id, String village, String title, @Nullable String description, List<String> categories,
                      @Nullable String area, Status status, String createdBy, Instant createdAt,
                      @Nullable Instant startedAt, @Nullable Instant completedAt, @Nullable String deliberationId)
        implements AggregateStore.Aggregate {

    public enum Status { PLANNED, IN_PROGRESS, COMPLETED }

    public static Project plan(String id, String village, String title, @Nullable String description,
                               List<String> categories, @Nullable String area, String by, Instant now,
                               @Nullable String deliberationId) {
        if (categories.isEmpty()) {
            throw RuleViolation.invalid("categories", "a project addresses at least one complaint category");
        }
        return new Project(id, village, title, description, List.copyOf(categories), area, Status.PLANNED, by, now,
                null, null, deliberationId);
    }

    public Change<Project> start(Instant now) {
        if (status != Status.PLANNED) {
            throw RuleViolation.conflict("project-status", "project " + id + " is " + status + ", not PLANNED");
        }
        return Change.of(new Project(id, village, title, description, categories, area, Status.IN_PROGRESS, createdBy,
                createdAt, now, null, deliberationId));
    }

    public Change<Project> complete(Instant now) {
        if (status == Status.COMPLETED) {
            throw RuleViolation.conflict("project-status", "project " + id + " is already COMPLETED");
        }
        Project done = new Project(id, village, title, description, categories, area, Status.COMPLETED, createdBy,
                createdAt, startedAt != null ? startedAt : now, now, deliberationId);
        return Change.of(done, new ProjectCompleted(id, village, title, categories, area, now));
    }

    @Override
    public @Nullable Instant dueAt() {
        return null;
    }
}
