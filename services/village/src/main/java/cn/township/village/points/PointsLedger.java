package cn.township.village.points;

import cn.township.village.rule.RuleViolation;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Posts ledger entries exactly once, without transactions. Per account, ONE conditional write stores the new
 * balance, the entry ids and the events (guarded by the account's {@code seq}); then the ledger documents are
 * inserted under the entry ids. An entry already in the ledger, or among the account's recently applied ids,
 * is a duplicate and changes nothing; if a crash fell between the two writes, the repeat re-inserts the
 * ledger document from the account's journal. A round reads all accounts concerned in one query and writes
 * them in one bulk; the entries of an account whose write lost a race go round again. The rounds of this
 * process take turns, so each sees the ledger rows of all before it: an entry posted by another thread is found
 * in the ledger however many postings followed it on the account (the applied ids only remember the last
 * {@value AccountStore#REMEMBERED_IDS}), and the listener's consumers, which post batches over the same
 * households at once, do not lose their writes to each other. The {@code seq} guard settles races with other
 * instances.
 */
@Component
public class PointsLedger {

    private static final int MAX_ATTEMPTS = 50;

    private final AccountStore accounts;
    private final LedgerStore ledger;
    private final PointsCatalogue catalogue;
    private final ReentrantLock turns = new ReentrantLock();

    PointsLedger(AccountStore accounts, LedgerStore ledger, PointsCatalogue catalogue) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.catalogue = catalogue;
    }

    /** What became of one entry. */
    public record Outcome(String entryId, Status status, @Nullable PostedEntry posted,
                          @Nullable RuleViolation violation) {
        public enum Status { POSTED, DUPLICATE, REFUSED }
    }

    public Outcome post(LedgerEntry entry) {
        return postAll(List.of(entry)).getFirst();
    }

    /** Posts entries (for any accounts); returns one outcome per distinct entry id, in order. */
    public List<Outcome> postAll(List<LedgerEntry> entries) {
        Map<String, LedgerEntry> remaining = new LinkedHashMap<>();
        entries.forEach(e -> remaining.putIfAbsent(e.id(), e));
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        remaining.keySet().forEach(id -> outcomes.put(id, null));
        for (int attempt = 0; !remaining.isEmpty(); attempt++) {
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("accounts kept changing under " + remaining.size() + " entries");
            }
            turns.lock();
            try {
                round(remaining, outcomes);
            } finally {
                turns.unlock();
            }
        }
        return List.copyOf(outcomes.values());
    }

    /**
     * One round: what is in the ledger by now is a duplicate; the rest is decided on the accounts as read, written in
     * one bulk, and its ledger rows inserted. Entries whose account moved on stay in {@code remaining}.
     */
    private void round(Map<String, LedgerEntry> remaining, Map<String, Outcome> outcomes) {
        for (String id : ledger.existing(remaining.keySet())) {
            outcomes.put(id, new Outcome(id, Outcome.Status.DUPLICATE, null, null));
            remaining.remove(id);
        }
        Map<String, List<LedgerEntry>> byAccount = new LinkedHashMap<>();
        remaining.values().forEach(e -> byAccount.computeIfAbsent(e.account(), a -> new ArrayList<>()).add(e));
        Map<String, Document> docs = accounts.load(byAccount.keySet());
        List<Document> ledgerDocs = new ArrayList<>();
        List<AccountStore.Write> writes = new ArrayList<>();
        byAccount.forEach((accountId, group) -> {
            Decided decided = decide(docs.get(accountId), group);
            decided.outcomes().forEach(o -> {
                outcomes.put(o.entryId(), o);
                remaining.remove(o.entryId());
            });
            ledgerDocs.addAll(decided.ledgerDocs());
            if (decided.write() != null) {
                writes.add(decided.write());
            }
        });
        Set<String> written = accounts.writeAll(writes);
        for (AccountStore.Write w : writes) {
            if (written.contains(w.posting().account().id())) {
                for (PostedEntry p : w.posting().posted()) {
                    outcomes.put(p.entry().id(), new Outcome(p.entry().id(), Outcome.Status.POSTED, p, null));
                    remaining.remove(p.entry().id());
                    ledgerDocs.add(ledger.toDocument(p));
                }
            }
        }
        ledger.insertAll(ledgerDocs);
    }

    /**
     * What one account's entries come to on the account as read: duplicates and refusals decided at once (with
     * the ledger rows a crash may have left out), and the write that would post the rest, if any.
     */
    private record Decided(List<Outcome> outcomes, List<Document> ledgerDocs, AccountStore.@Nullable Write write) {
    }

    private Decided decide(@Nullable Document doc, List<LedgerEntry> group) {
        Account account = doc == null ? Account.empty(group.getFirst().village(), group.getFirst().household())
                : AccountStore.account(doc);
        List<Outcome> outcomes = new ArrayList<>();
        List<Document> ledgerDocs = new ArrayList<>();
        List<LedgerEntry> fresh = new ArrayList<>();
        for (LedgerEntry e : group) {
            if (account.hasApplied(e.id())) {
                outcomes.add(new Outcome(e.id(), Outcome.Status.DUPLICATE, null, null));
                ledgerDocs.addAll(journalEntry(account.id(), e.id()));
            } else {
                fresh.add(e);
            }
        }
        if (fresh.isEmpty()) {
            return new Decided(outcomes, ledgerDocs, null);
        }
        try {
            return new Decided(outcomes, ledgerDocs,
                    new AccountStore.Write(account.seq(), account.post(fresh, catalogue.floor())));
        } catch (RuleViolation refused) {
            fresh.forEach(e -> outcomes.add(new Outcome(e.id(), Outcome.Status.REFUSED, null, refused)));
            return new Decided(outcomes, ledgerDocs, null);
        }
    }

    /** The ledger row of an applied entry as the account's journal keeps it (a crash may have lost the insert). */
    private List<Document> journalEntry(String accountId, String entryId) {
        return accounts.journal(accountId).stream().filter(j -> entryId.equals(j.getString("_id"))).toList();
    }
}
