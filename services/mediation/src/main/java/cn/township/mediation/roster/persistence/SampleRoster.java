package cn.township.mediation.roster.persistence;

import cn.township.mediation.roster.Member;
import cn.township.mediation.roster.Room;
import cn.township.mediation.roster.TeamRole;
import cn.township.mediation.roster.TimeRange;
import cn.township.mediation.roster.WeeklyHours;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Set;

/**
 * The mediation team of 南岔村 (nancha) and 北土门村 (beitumen) and their rooms, loaded at start-up when
 * absent ({@code township.mediation.sample-roster=true}, the default). Ids already present are left alone,
 * so several instances starting together and restarts are harmless. Usernames and the elders' households
 * match the Keycloak realm (the village awards a member's points to that household).
 */
@Component
@ConditionalOnProperty(name = "township.mediation.sample-roster", havingValue = "true", matchIfMissing = true)
class SampleRoster implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleRoster.class);
    private static final TimeRange MORNING = TimeRange.of("09:00", "12:00");
    private static final TimeRange AFTERNOON = TimeRange.of("14:00", "17:30");
    private static final TimeRange OFFICE_AM = TimeRange.of("08:30", "12:00");
    private static final TimeRange OFFICE_PM = TimeRange.of("13:30", "17:30");
    private static final TimeRange VILLAGE_AM = TimeRange.of("08:00", "11:30");
    private static final TimeRange VILLAGE_PM = TimeRange.of("14:00", "18:00");
    private static final Set<String> BOTH = Set.of("nancha", "beitumen");

    private final RosterStore roster;

    SampleRoster(RosterStore roster) {
        this.roster = roster;
    }

    @Override
    public void run(ApplicationArguments args) {
        int added = 0;
        for (Member m : members()) {
            added += roster.addIfAbsent(m) ? 1 : 0;
        }
        for (Room r : rooms()) {
            added += roster.addIfAbsent(r) ? 1 : 0;
        }
        log.info("sample roster: {} entries added", added);
    }

    static List<Member> members() {
        WeeklyHours office = WeeklyHours.of(WeeklyHours.WEEKDAYS, OFFICE_AM, OFFICE_PM);
        WeeklyHours village = WeeklyHours.of(WeeklyHours.EVERY_DAY, VILLAGE_AM, VILLAGE_PM);
        return List.of(
                member("adviser-zhang", "张建国 律师", null, Set.of(TeamRole.LEGAL_ADVISER), BOTH, null,
                        WeeklyHours.of(List.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), MORNING, AFTERNOON)),
                member("adviser-li", "李敏 律师", null, Set.of(TeamRole.LEGAL_ADVISER), Set.of("beitumen"), null,
                        WeeklyHours.of(List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY), MORNING, AFTERNOON)),
                member("police-wang", "王刚 民警", null, Set.of(TeamRole.POLICE), BOTH, null, office),
                member("official-zhao", "赵海 机关干部", null, Set.of(TeamRole.OFFICIAL), BOTH, null, office),
                member("official-sun", "孙丽 司法所干部", null, Set.of(TeamRole.OFFICIAL), BOTH, null, office),
                member("literate-liu", "刘春生 法律明白人", null, Set.of(TeamRole.LEGAL_LITERATE_VILLAGER), Set.of("nancha"),
                        "nancha-0107", village),
                member("literate-chen", "陈秀英 法律明白人", null, Set.of(TeamRole.LEGAL_LITERATE_VILLAGER), Set.of("beitumen"),
                        "beitumen-0033", village),
                member("elder-nancha-1", "王德福 (三老)", "elder-nancha-1", Set.of(TeamRole.ELDER), Set.of("nancha"),
                        "nancha-0011", village),
                member("elder-nancha-2", "赵桂兰 (三老)", "elder-nancha-2", Set.of(TeamRole.ELDER), Set.of("nancha"),
                        "nancha-0012", village),
                member("elder-nancha-3", "孙永利 (三老, 老党员)", "elder-nancha-3",
                        Set.of(TeamRole.ELDER, TeamRole.LEGAL_LITERATE_VILLAGER), Set.of("nancha"), "nancha-0013",
                        WeeklyHours.of(List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY),
                                VILLAGE_AM)),
                member("elder-beitumen-1", "李长河 (三老)", "elder-beitumen-1", Set.of(TeamRole.ELDER), Set.of("beitumen"),
                        "beitumen-0011", village),
                member("cadre-nancha", "南岔村 村委会主任", "cadre-nancha", Set.of(TeamRole.VILLAGE_CADRE), Set.of("nancha"),
                        null, office),
                member("cadre-beitumen", "北土门村 村委会主任", "cadre-beitumen", Set.of(TeamRole.VILLAGE_CADRE),
                        Set.of("beitumen"), null, office));
    }

    static List<Room> rooms() {
        WeeklyHours open = WeeklyHours.of(WeeklyHours.EVERY_DAY, TimeRange.of("08:00", "20:00"));
        WeeklyHours office = WeeklyHours.of(WeeklyHours.WEEKDAYS, TimeRange.of("08:30", "17:30"));
        return List.of(
                new Room("nancha-committee", "南岔村村委会议室", "nancha", 16, open),
                new Room("nancha-mediation", "南岔村人民调解室", "nancha", 8, open),
                new Room("beitumen-committee", "北土门村村委会议室", "beitumen", 16, open),
                new Room("township-roundtable", "乡综治中心圆桌会议室", "township", 20, office));
    }

    private static Member member(String id, String name, String username, Set<TeamRole> roles, Set<String> villages,
                                 String household, WeeklyHours hours) {
        return new Member(id, name, username, roles, villages, household, hours, List.of());
    }
}
