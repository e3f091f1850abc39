package cn.township.village.points;

import cn.township.village.rule.RuleViolation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules and redemption items, looked up by code. */
public final class PointsCatalogue {

    public static final String ELDER_COUNCIL = "ELDER_COUNCIL";
    public static final String MEDIATION_PARTY = "MEDIATION_AGREEMENT";
    public static final String MEDIATION_TEAM = "MEDIATION_TEAM";

    private final Map<String, PointRule> rules = new LinkedHashMap<>();
    private final Map<String, RedemptionItem> items = new LinkedHashMap<>();
    private final int floor;

    public PointsCatalogue(List<PointRule> rules, List<RedemptionItem> items, int floor) {
        rules.forEach(r -> this.rules.put(r.code(), r));
        items.forEach(i -> this.items.put(i.code(), i));
        this.floor = floor;
        for (String automatic : List.of(ELDER_COUNCIL, MEDIATION_PARTY, MEDIATION_TEAM)) {
            PointRule rule = this.rules.get(automatic);
            if (rule == null || rule.kind() != EntryKind.AWARD) {
                throw new IllegalStateException("the points catalogue needs an AWARD rule " + automatic);
            }
        }
    }

    public int floor() {
        return floor;
    }

    public List<PointRule> rules() {
        return List.copyOf(rules.values());
    }

    public List<RedemptionItem> items() {
        return List.copyOf(items.values());
    }

    public PointRule rule(String code) {
        PointRule rule = rules.get(code);
        if (rule == null) {
            throw RuleViolation.invalid("points-rule", "no points rule " + code + " in the catalogue");
        }
        return rule;
    }

    /** A rule a cadre may apply by hand, of the expected kind. */
    public PointRule manualRule(String code, EntryKind kind) {
        PointRule rule = rule(code);
        if (rule.kind() != kind) {
            throw RuleViolation.invalid("points-rule", "rule " + code + " is a " + rule.kind() + ", not a " + kind);
        }
        if (rule.automatic()) {
            throw RuleViolation.invalid("points-rule", "rule " + code + " is applied from events only");
        }
        return rule;
    }

    public RedemptionItem item(String code) {
        RedemptionItem item = items.get(code);
        if (item == null) {
            throw RuleViolation.invalid("redemption-item", "no redemption item " + code + " in the catalogue");
        }
        return item;
    }
}
