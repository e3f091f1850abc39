package cn.township.village.points;

import cn.township.village.rule.RuleViolation;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read side of the points: balances, ledger pages, monthly statements, the village leaderboard. */
@Component
public class PointsQueries {

    private final AccountStore accounts;
    private final LedgerStore ledger;
    private final PointsCatalogue catalogue;

    PointsQueries(AccountStore accounts, LedgerStore ledger, PointsCatalogue catalogue) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.catalogue = catalogue;
    }

    public record Balance(String village, String household, int balance, int awarded, int deducted, int redeemed,
                          long entries, int floor, List<EntryView> recent) {
    }

    public record Statement(String household, String month, int opening, int awarded, int deducted, int redeemed,
                            int closing, List<EntryView> entries) {
    }

    public record Rank(int rank, String household, int balance) {
    }

    /** The household's balance; an account without entries yet reads as all zeros. */
    public Balance balance(String village, String household) {
        return findBalance(village, household)
                .orElseGet(() -> new Balance(village, household, 0, 0, 0, 0, 0, catalogue.floor(), List.of()));
    }

    /** Whether the village has an account for the household (one entry at least). */
    public boolean hasAccount(String village, String household) {
        return accounts.collection().find(Filters.eq("_id", Account.id(village, household)))
                .projection(Projections.include("_id")).first() != null;
    }

    /** The household's balance, empty when the village has no account for it. */
    public Optional<Balance> findBalance(String village, String household) {
        Document d = accounts.collection().find(Filters.eq("_id", Account.id(village, household)))
                .projection(Projections.exclude("applied", "outbox")).first();
        if (d == null) {
            return Optional.empty();
        }
        List<EntryView> recent = new ArrayList<>(d.getList("journal", Document.class, List.of()).stream()
                .map(EntryView::of).toList());
        java.util.Collections.reverse(recent);
        return Optional.of(new Balance(village, household, d.getInteger("balance", 0), d.getInteger("awarded", 0),
                d.getInteger("deducted", 0), d.getInteger("redeemed", 0), d.get("seq", Number.class).longValue(),
                catalogue.floor(), recent));
    }

    /** Newest first. */
    public List<EntryView> entries(String village, String household, int offset, int limit) {
        return ledger.collection().find(Filters.eq("account", Account.id(village, household)))
                .sort(Sorts.descending("seq")).skip(offset).limit(limit).map(EntryView::of).into(new ArrayList<>());
    }

    public EntryView entry(String village, String entryId) {
        Document d = ledger.collection().find(Filters.eq("_id", entryId)).first();
        if (d == null || !village.equals(d.getString("village"))) {
            throw RuleViolation.notFound("ledger entry", entryId);
        }
        return EntryView.of(d);
    }

    public Statement statement(String village, String household, YearMonth month) {
        String account = Account.id(village, household);
        List<EntryView> entries = ledger.collection()
                .find(Filters.and(Filters.eq("account", account), Filters.eq("month", month.toString())))
                .sort(Sorts.ascending("seq")).map(EntryView::of).into(new ArrayList<>());
        int opening;
        if (!entries.isEmpty()) {
            opening = entries.getFirst().balance() - entries.getFirst().delta();
        } else {
            Document before = ledger.collection()
                    .find(Filters.and(Filters.eq("account", account), Filters.lt("month", month.toString())))
                    .sort(Sorts.descending("seq")).limit(1).first();
            opening = before == null ? 0 : before.getInteger("balance");
        }
        int awarded = sum(entries, EntryKind.AWARD);
        int deducted = sum(entries, EntryKind.DEDUCTION);
        int redeemed = sum(entries, EntryKind.REDEMPTION);
        return new Statement(household, month.toString(), opening, awarded, deducted, redeemed,
                opening + awarded - deducted - redeemed, entries);
    }

    public List<Rank> leaderboard(String village, int limit) {
        List<Document> top = accounts.collection().find(Filters.eq("village", village))
                .projection(Projections.include("household", "balance"))
                .sort(Sorts.orderBy(Sorts.descending("balance"), Sorts.ascending("household")))
                .limit(limit).into(new ArrayList<>());
        List<Rank> ranks = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            Document d = top.get(i);
            int rank = i > 0 && ranks.get(i - 1).balance() == d.getInteger("balance") ? ranks.get(i - 1).rank() : i + 1;
            ranks.add(new Rank(rank, d.getString("household"), d.getInteger("balance")));
        }
        return ranks;
    }

    private static int sum(List<EntryView> entries, EntryKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).mapToInt(EntryView::points).sum();
    }
}
