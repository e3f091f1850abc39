package cn.township.village.points;

import cn.township.village.rule.RuleViolation;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Posts ledger entries exactly once, without transactions. Per account, ONE conditional write stores the new
 * balance, the entry ids and the events (guarded by the account's {@code seq}); then the ledger documents are
 * inserted under the entry ids. An entry already in the ledger, or among the account's recently applied ids,
 * is a duplicate and changes nothing; if a crash fell between the two writes, the repeat re-inserts the
 * ledger document from the account's journal. Different accounts are written in parallel.
 */
@Component
public class PointsLedger implements DisposableBean {

    private static final int MAX_ATTEMPTS = 50;
    private static final int PARALLEL_WRITES = 8;

    private final AccountStore accounts;
    private final LedgerStore ledger;
    private final PointsCatalogue catalogue;
    private final ExecutorService writers = Executors.newFixedThreadPool(PARALLEL_WRITES,
            Thread.ofVirtual().name("points-writer-", 0).factory());

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
        for (String id : ledger.existing(remaining.keySet())) {
            outcomes.put(id, new Outcome(id, Outcome.Status.DUPLICATE, null, null));
            remaining.remove(id);
        }
        for (int attempt = 0; !remaining.isEmpty(); attempt++) {
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("accounts kept changing under " + remaining.size() + " entries");
            }
            Map<String, List<LedgerEntry>> byAccount = new LinkedHashMap<>();
            remaining.values().forEach(e -> byAccount.computeIfAbsent(e.account(), a -> new ArrayList<>()).add(e));
            Map<String, Document> docs = accounts.load(byAccount.keySet());
            List<Callable<Settled>> writes = new ArrayList<>();
            byAccount.forEach((accountId, group) -> writes.add(() -> settle(docs.get(accountId), group)));
            List<Document> ledgerDocs = new ArrayList<>();
            for (Settled settled : run(writes)) {
                settled.outcomes().forEach(o -> {
                    outcomes.put(o.entryId(), o);
                    remaining.remove(o.entryId());
                });
                ledgerDocs.addAll(settled.ledgerDocs());
            }
            ledger.insertAll(ledgerDocs);
        }
        return List.copyOf(outcomes.values());
    }

    /** The outcomes decided for one account's entries (none if the write lost a race) and its ledger rows. */
    private record Settled(List<Outcome> outcomes, List<Document> ledgerDocs) {
    }

    private Settled settle(@Nullable Document doc, List<LedgerEntry> group) {
        Account account = doc == null ? Account.empty(group.getFirst().village(), group.getFirst().household())
                : AccountStore.account(doc);
        List<Outcome> outcomes = new ArrayList<>();
        List<Document> ledgerDocs = new ArrayList<>();
        List<LedgerEntry> fresh = new ArrayList<>();
        for (LedgerEntry e : group) {
            if (account.hasApplied(e.id())) {
                outcomes.add(new Outcome(e.id(), Outcome.Status.DUPLICATE, null, null));
                ledgerDocs.addAll(journalEntry(doc, e.id()));
            } else {
                fresh.add(e);
            }
        }
        if (fresh.isEmpty()) {
            return new Settled(outcomes, ledgerDocs);
        }
        Account.Posting posting;
        try {
            posting = account.post(fresh, catalogue.floor());
        } catch (RuleViolation refused) {
            fresh.forEach(e -> outcomes.add(new Outcome(e.id(), Outcome.Status.REFUSED, null, refused)));
            return new Settled(outcomes, ledgerDocs);
        }
        boolean written = doc == null ? accounts.create(posting) : accounts.update(account.seq(), posting);
        if (written) {
            for (PostedEntry p : posting.posted()) {
                outcomes.add(new Outcome(p.entry().id(), Outcome.Status.POSTED, p, null));
                ledgerDocs.add(ledger.toDocument(p));
            }
        }
        return new Settled(outcomes, ledgerDocs);
    }

    private List<Settled> run(List<Callable<Settled>> writes) {
        if (writes.size() == 1) {
            try {
                return List.of(writes.getFirst().call());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        List<Settled> results = new ArrayList<>();
        try {
            for (Future<Settled> f : writers.invokeAll(writes)) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting points", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    private static List<Document> journalEntry(@Nullable Document account, String entryId) {
        if (account == null) {
            return List.of();
        }
        return account.getList("journal", Document.class, List.of()).stream()
                .filter(j -> entryId.equals(j.getString("_id"))).toList();
    }

    @Override
    public void destroy() {
        writers.shutdown();
    }
}
