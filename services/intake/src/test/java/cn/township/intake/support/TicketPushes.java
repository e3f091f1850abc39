package cn.township.intake.support;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data: 12345 pushes that are valid unless a test changes a field. */
public final class TicketPushes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TicketPushes() {
    }

    public static String newTicketNo() {
        return "BJ12345-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A valid push about a drainage problem in 南岔村 from 13812341234. */
    public static ObjectNode valid(String ticketNo) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ticketNo", ticketNo);
        n.put("receivedAt", "2026-05-01T08:30:00+08:00");
        n.put("channel", "PHONE");
        n.put("kind", "COMPLAINT");
        n.put("category", "drainage");
        n.put("content", "邻居建房施工导致我家排水不畅，雨天院内积水。");
        n.put("address", "平谷区熊儿寨乡南岔村东街12号");
        ObjectNode location = n.putObject("location");
        location.put("lat", 40.2950);
        location.put("lng", 117.2320);
        ObjectNode c = n.putObject("complainant");
        c.put("name", "张女士");
        c.put("phone", "13812341234");
        n.put("confidential", false);
        n.put("urgency", "URGENT");
        n.put("dueAt", "2026-05-08T08:30:00+08:00");
        var attachments = n.putArray("attachments");
        attachments.addObject().put("url", "https://files.12345.example/a/1.jpg").put("mediaType", "image/jpeg");
        return n;
    }

    public static ObjectNode with(ObjectNode push, Map<String, Object> changes) {
        ObjectNode copy = push.deepCopy();
        changes.forEach((field, value) -> {
            if (value == null) {
                copy.remove(field);
            } else {
                copy.set(field, JSON.valueToTree(value));
            }
        });
        return copy;
    }

    public static ObjectNode phone(ObjectNode push, String phone) {
        ObjectNode copy = push.deepCopy();
        ((ObjectNode) copy.get("complainant")).put("phone", phone);
        return copy;
    }

    public static String json(Object node) {
        return JSON.writeValueAsString(node);
    }

    public static List<String> categories() {
        return List.of("roads", "street-lights", "water-supply", "drainage", "sanitation");
    }
}
