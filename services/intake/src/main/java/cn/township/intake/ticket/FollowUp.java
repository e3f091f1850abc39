package cn.township.intake.ticket;

import cn.township.contracts.intake.Attachment;
import cn.township.contracts.intake.Satisfaction;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** A message from the city about a ticket it pushed earlier; each carries the city's message id. */
public sealed interface FollowUp {

    String messageId();

    Instant at();

    /** 催办. */
    record Urge(String messageId, @Nullable String note, Instant at) implements FollowUp {
    }

    /** 补充: more content, more attachments, or both. */
    record Supplement(String messageId, @Nullable String content, List<Attachment> attachments, Instant at)
            implements FollowUp {
    }

    /** 撤单. */
    record Withdrawal(String messageId, @Nullable String reason, Instant at) implements FollowUp {
    }

    /** 回访. */
    record SatisfactionCallback(String messageId, Satisfaction rating, @Nullable String comment, Instant at)
            implements FollowUp {
    }

    default String kind() {
        return switch (this) {
            case Urge u -> "URGE";
            case Supplement s -> "SUPPLEMENT";
            case Withdrawal w -> "WITHDRAWAL";
            case SatisfactionCallback c -> "SATISFACTION";
        };
    }
}
