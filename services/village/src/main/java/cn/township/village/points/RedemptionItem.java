package cn.township.village.points;

/** Something a household can redeem its points for. */
public record RedemptionItem(String code, String name, int points) {
}
