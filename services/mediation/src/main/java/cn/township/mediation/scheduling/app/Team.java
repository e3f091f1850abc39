package cn.township.mediation.scheduling.app;

import cn.township.contracts.mediation.Participant;
import cn.township.mediation.errors.InvalidField;
import cn.township.mediation.roster.Member;
import cn.township.mediation.roster.Room;
import cn.township.mediation.roster.persistence.RosterStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks up the members and rooms a request names, answering 422 naming the entry that is not on the roster. */
@Component
class Team {

    private final RosterStore roster;

    Team(RosterStore roster) {
        this.roster = roster;
    }

    List<Member> members(List<String> ids, String field) {
        if (ids.isEmpty()) {
            throw new InvalidField(field, "name at least one team member");
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new InvalidField(field, "a member is named twice");
        }
        Map<String, Member> found = roster.members(ids).stream()
                .collect(Collectors.toMap(Member::id, Function.identity()));
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Member m = found.get(ids.get(i));
            if (m == null) {
                throw new InvalidField(field + "[" + i + "]", ids.get(i) + " is not on the mediation team roster");
            }
            members.add(m);
        }
        return members;
    }

    Room room(String id, String field) {
        return roster.room(id).orElseThrow(() -> new InvalidField(field, "no room " + id));
    }

    List<Room> rooms(List<String> ids, String field) {
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            rooms.add(room(ids.get(i), field + "[" + i + "]"));
        }
        return rooms;
    }

    List<Room> roomsFor(String village) {
        List<Room> rooms = new ArrayList<>(roster.rooms(village));
        rooms.addAll(roster.rooms("township"));
        return rooms;
    }

    static Participant participant(Member m) {
        return new Participant(m.id(), m.name(), m.roles().stream().map(Enum::name).sorted().toList(), m.household());
    }
}
