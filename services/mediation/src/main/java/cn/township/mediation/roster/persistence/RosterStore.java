package cn.township.mediation.roster.persistence;

import cn.township.mediation.persistence.Bson;
import cn.township.mediation.roster.Member;
import cn.township.mediation.roster.Room;
import cn.township.mediation.roster.TeamRole;
import cn.township.mediation.roster.Unavailability;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The roster (members and rooms) in MongoDB. Roster changes cause no events, so plain writes suffice. */
@Component
public class RosterStore {

    private final MongoCollection<Document> members;
    private final MongoCollection<Document> rooms;

    RosterStore(MongoDatabase database) {
        this.members = database.getCollection("members");
        this.rooms = database.getCollection("rooms");
        members.createIndex(Indexes.ascending("villages"));
        members.createIndex(Indexes.ascending("username"));
    }

    public Optional<Member> member(String id) {
        return Optional.ofNullable(members.find(Filters.eq("_id", id)).first()).map(RosterStore::toMember);
    }

    public List<Member> members(Collection<String> ids) {
        return members.find(Filters.in("_id", ids)).map(RosterStore::toMember).into(new ArrayList<>());
    }

    public Optional<Member> memberByUsername(String username) {
        return Optional.ofNullable(members.find(Filters.eq("username", username)).first()).map(RosterStore::toMember);
    }

    public List<Member> members(@Nullable String village, @Nullable TeamRole role) {
        var filters = new ArrayList<org.bson.conversions.Bson>();
        if (village != null) {
            filters.add(Filters.eq("villages", village));
        }
        if (role != null) {
            filters.add(Filters.eq("roles", role.name()));
        }
        var query = filters.isEmpty() ? new Document() : Filters.and(filters);
        return members.find(query).sort(Sorts.ascending("_id")).map(RosterStore::toMember).into(new ArrayList<>());
    }

    /** Adds a member if the id is new; returns false when it already existed (nothing changed). */
    public boolean addIfAbsent(Member member) {
        try {
            members.insertOne(toDocument(member));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public void save(Member member) {
        members.replaceOne(Filters.eq("_id", member.id()), toDocument(member), new ReplaceOptions().upsert(true));
    }

    /** Appends a dated exception in one atomic write. */
    public boolean addException(String memberId, Unavailability exception) {
        return members.updateOne(Filters.eq("_id", memberId), Updates.push("exceptions", exception(exception)))
                .getMatchedCount() == 1;
    }

    public Optional<Room> room(String id) {
        return Optional.ofNullable(rooms.find(Filters.eq("_id", id)).first()).map(RosterStore::toRoom);
    }

    public List<Room> rooms(@Nullable String village) {
        var query = village == null ? new Document() : Filters.eq("village", village);
        return rooms.find(query).sort(Sorts.ascending("_id")).map(RosterStore::toRoom).into(new ArrayList<>());
    }

    public boolean addIfAbsent(Room room) {
        try {
            rooms.insertOne(new Document("_id", room.id()).append("name", room.name()).append("village", room.village())
                    .append("seats", room.seats()).append("hours", Bson.hours(room.hours())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    static Document toDocument(Member m) {
        return new Document("_id", m.id()).append("name", m.name()).append("username", m.username())
                .append("roles", m.roles().stream().map(Enum::name).sorted().toList())
                .append("villages", m.villages().stream().sorted().toList()).append("household", m.household())
                .append("hours", Bson.hours(m.hours()))
                .append("exceptions", m.exceptions().stream().map(RosterStore::exception).toList());
    }

    private static Document exception(Unavailability x) {
        return new Document("from", Bson.date(x.from())).append("to", Bson.date(x.to())).append("reason", x.reason());
    }

    static Member toMember(Document d) {
        var roles = EnumSet.noneOf(TeamRole.class);
        Bson.strings(d, "roles").forEach(r -> roles.add(TeamRole.valueOf(r)));
        var exceptions = Bson.docs(d, "exceptions").stream()
                .map(x -> new Unavailability(Bson.instant(x, "from"), Bson.instant(x, "to"), x.getString("reason")))
                .toList();
        return new Member(d.getString("_id"), d.getString("name"), d.getString("username"), roles,
                new HashSet<>(Bson.strings(d, "villages")), d.getString("household"),
                Bson.hours(d.get("hours", Document.class)), exceptions);
    }

    static Room toRoom(Document d) {
        return new Room(d.getString("_id"), d.getString("name"), d.getString("village"), d.getInteger("seats", 0),
                Bson.hours(d.get("hours", Document.class)));
    }
}
