package cn.township.mediation.scheduling;

/** Keys of the things a session occupies: a team member, a party's household, a room. */
public final class Resources {

    private Resources() {
    }

    public static String member(String id) {
        return "member:" + id;
    }

    public static String room(String id) {
        return "room:" + id;
    }

    public static String household(String id) {
        return "household:" + id;
    }
}
