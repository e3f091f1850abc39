package cn.township.village.deadline;

import cn.township.village.council.CouncilService;
import cn.township.village.deliberation.DeliberationService;
import cn.township.village.review.ReviewService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Closes councils, reviews and deliberations whose deadline has passed (by the service's clock). */
@Component
public class DeadlineSweeper {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);

    private final CouncilService councils;
    private final ReviewService reviews;
    private final DeliberationService deliberations;

    DeadlineSweeper(CouncilService councils, ReviewService reviews, DeliberationService deliberations) {
        this.councils = councils;
        this.reviews = reviews;
        this.deliberations = deliberations;
    }

    @Scheduled(fixedDelayString = "${township.village.sweep-interval:PT30S}")
    public void sweep() {
        try {
            int closed = councils.expireDue() + reviews.expireDue() + deliberations.expireDue();
            if (closed > 0) {
                log.info("closed {} councils, reviews and deliberations at their deadline", closed);
            }
        } catch (RuntimeException e) {
            log.warn("deadline sweep failed, will retry: {}", e.toString());
        }
    }
}
