package cn.township.contracts.village;

import cn.township.contracts.DomainEvent;

/**
 * Events village autonomy publishes on {@code village.affairs.v1}. Reviews carry the case id as subject;
 * ledger events the household; deliberations and projects their own id.
 */
public sealed interface VillageEvent extends DomainEvent
        permits DeliberationDecided, ElderReviewConcluded, PointsAwarded, PointsDeducted, PointsRedeemed, ProjectCompleted, VillagerReviewConcluded {

    String village();
}
