package cn.township.village.points;

import cn.township.village.it.VillageItSupport;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's conditional writes against the real MongoDB-wire server: within one bulk, a write decided on a
 * stale {@code seq} is refused on its own while the others go through, and postings racing on one account from
 * many threads all land exactly once, never below the floor.
 */
class PointsLedgerIT extends VillageItSupport {

    private static final String VILLAGE = "ledger-it";

    @Autowired
    private AccountStore accounts;

    @Autowired
    private PointsLedger ledger;

    @Autowired
    private LedgerStore ledgerStore;

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static LedgerEntry entry(String household, EntryKind kind, int points) {
        return new LedgerEntry(UUID.randomUUID().toString(), VILLAGE, household, kind, points, "VOLUNTEER", "test",
                null, null, "test", Instant.now());
    }

    private Account account(String household) {
        return AccountStore.account(accounts.load(List.of(Account.id(VILLAGE, household)))
                .get(Account.id(VILLAGE, household)));
    }

    private long ledgerRows(String household) {
        return ledgerStore.collection().countDocuments(new Document("account", Account.id(VILLAGE, household)));
    }

    @Test
    void aWriteOnAStaleSeqIsRefusedAloneInItsBulk() {
        String moved = fresh("moved");
        String created = fresh("created");
        String current = fresh("current");
        ledger.post(entry(moved, EntryKind.AWARD, 5));
        ledger.post(entry(moved, EntryKind.AWARD, 5));
        ledger.post(entry(current, EntryKind.AWARD, 5));
        Account movedNow = account(moved);
        Account currentNow = account(current);

        LedgerEntry onStale = entry(moved, EntryKind.AWARD, 7);
        LedgerEntry onNothing = entry(moved, EntryKind.AWARD, 9);
        List<AccountStore.Write> writes = List.of(
                new AccountStore.Write(1, movedNow.post(List.of(onStale), 0)),  // read when the account was at 1
                new AccountStore.Write(0, Account.empty(VILLAGE, moved).post(List.of(onNothing), 0)),  // "no account"
                new AccountStore.Write(0, Account.empty(VILLAGE, created).post(List.of(entry(created, EntryKind.AWARD, 3)), 0)),
                new AccountStore.Write(currentNow.seq(), currentNow.post(List.of(entry(current, EntryKind.AWARD, 4)), 0)));

        Set<String> written = accounts.writeAll(writes);

        assertThat(written).containsExactlyInAnyOrder(Account.id(VILLAGE, created), Account.id(VILLAGE, current));
        Account after = account(moved);
        assertThat(after.balance()).isEqualTo(10);
        assertThat(after.seq()).isEqualTo(2);
        assertThat(after.applied()).doesNotContain(onStale.id(), onNothing.id());
        assertThat(account(created).balance()).isEqualTo(3);
        assertThat(account(created).seq()).isEqualTo(1);
        assertThat(account(current).balance()).isEqualTo(9);
        assertThat(account(current).seq()).isEqualTo(2);
    }

    @Test
    void postingsRacingOnOneAccountAllLandExactlyOnce() throws Exception {
        String household = fresh("raced");
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            entries.add(entry(household, EntryKind.AWARD, 1 + i % 3));
        }
        List<Callable<PointsLedger.Outcome>> posts = new ArrayList<>();
        for (LedgerEntry e : entries) {
            posts.add(() -> ledger.post(e));
            posts.add(() -> ledger.post(e)); // the same entry delivered twice, concurrently
        }
        List<PointsLedger.Outcome> outcomes = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<PointsLedger.Outcome> f : pool.invokeAll(posts)) {
                outcomes.add(f.get());
            }
        }

        assertThat(outcomes).filteredOn(o -> o.status() == PointsLedger.Outcome.Status.POSTED).hasSize(40);
        assertThat(outcomes).filteredOn(o -> o.status() == PointsLedger.Outcome.Status.DUPLICATE).hasSize(40);
        int sum = entries.stream().mapToInt(LedgerEntry::points).sum();
        Account account = account(household);
        assertThat(account.balance()).isEqualTo(sum);
        assertThat(account.awarded()).isEqualTo(sum);
        assertThat(account.seq()).isEqualTo(40);
        assertThat(ledgerRows(household)).isEqualTo(40);
        List<Long> seqs = ledgerStore.collection().find(new Document("account", Account.id(VILLAGE, household)))
                .map(d -> d.get("seq", Number.class).longValue()).into(new ArrayList<>());
        assertThat(seqs).doesNotHaveDuplicates().allMatch(s -> s >= 1 && s <= 40);
    }

    @Test
    void redemptionsRacingOnOneAccountNeverTakeItBelowTheFloor() throws Exception {
        String household = fresh("redeemed");
        ledger.post(entry(household, EntryKind.AWARD, 50));
        List<Callable<PointsLedger.Outcome>> redemptions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            LedgerEntry e = entry(household, EntryKind.REDEMPTION, 10);
            redemptions.add(() -> ledger.post(e));
        }
        List<PointsLedger.Outcome> outcomes = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<PointsLedger.Outcome> f : pool.invokeAll(redemptions)) {
                outcomes.add(f.get());
            }
        }

        assertThat(outcomes).filteredOn(o -> o.status() == PointsLedger.Outcome.Status.POSTED).hasSize(5);
        assertThat(outcomes).filteredOn(o -> o.status() == PointsLedger.Outcome.Status.REFUSED)
                .hasSize(7).allMatch(o -> o.violation() != null && "balance-floor".equals(o.violation().rule()));
        assertThat(account(household).balance()).isZero();
        assertThat(account(household).redeemed()).isEqualTo(50);
        assertThat(ledgerRows(household)).isEqualTo(6);
    }
}
