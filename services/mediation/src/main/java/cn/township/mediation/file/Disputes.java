package cn.township.mediation.file;

import cn.township.contracts.mediation.DisputeType;

import java.util.Locale;

/** Reads a dispute type from a case category written by people (English or Chinese keywords). */
public final class Disputes {

    private Disputes() {
    }

    public static DisputeType fromCategory(String category) {
        String c = category == null ? "" : category.toLowerCase(Locale.ROOT);
        if (c.contains("homestead") || c.contains("宅基地")) {
            return DisputeType.HOMESTEAD;
        }
        if (c.contains("drain") || c.contains("排水") || c.contains("积水")) {
            return DisputeType.DRAINAGE;
        }
        if (c.contains("construct") || c.contains("building") || c.contains("建房") || c.contains("施工")) {
            return DisputeType.CONSTRUCTION;
        }
        if (c.contains("neighbo") || c.contains("邻里") || c.contains("邻居")) {
            return DisputeType.NEIGHBOUR;
        }
        if (c.contains("family") || c.contains("家庭") || c.contains("赡养") || c.contains("婚姻")) {
            return DisputeType.FAMILY;
        }
        if (c.contains("contract") || c.contains("合同") || c.contains("承包")) {
            return DisputeType.CONTRACT;
        }
        return DisputeType.OTHER;
    }
}
