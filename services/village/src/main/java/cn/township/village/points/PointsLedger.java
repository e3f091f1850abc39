package cn.township.village.points;

import cn.township.village.rule.RuleViolation;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts ledger entries exactly once, without transactions. Per account, ONE conditional write stores the new
 * balance, the entry ids and the events (guarded by the account's {@code seq}); then the ledger documents are
 * inserted under the entry ids. An entry already in the ledger, or among the account's recently applied ids,
 * is a duplicate and changes nothing; if a crash fell between the two writes, the repeat re-inserts the
 * ledger document from the account's journal.
 */
@Component
public class PointsLedger {

    private static final int MAX_ATTEMPTS = 50;

    private final AccountStore accounts;
    private final LedgerStore ledger;
    private final PointsCatalogue catalogue;

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
            List<Document> ledgerDocs = new ArrayList<>();
            byAccount.forEach((accountId, group) -> {
                Document doc = docs.get(accountId);
                Account account = doc == null ? Account.empty(group.getFirst().village(), group.getFirst().household())
                        : AccountStore.account(doc);
                List<LedgerEntry> fresh = new ArrayList<>();
                for (LedgerEntry e : group) {
                    if (account.hasApplied(e.id())) {
                        outcomes.put(e.id(), new Outcome(e.id(), Outcome.Status.DUPLICATE, null, null));
                        remaining.remove(e.id());
                        ledgerDocs.addAll(journalEntry(doc, e.id()));
                    } else {
                        fresh.add(e);
                    }
                }
                if (fresh.isEmpty()) {
                    return;
                }
                Account.Posting posting;
                try {
                    posting = account.post(fresh, catalogue.floor());
                } catch (RuleViolation refused) {
                    fresh.forEach(e -> {
                        outcomes.put(e.id(), new Outcome(e.id(), Outcome.Status.REFUSED, null, refused));
                        remaining.remove(e.id());
                    });
                    return;
                }
                boolean written = doc == null ? accounts.create(posting) : accounts.update(account.seq(), posting);
                if (written) {
                    for (PostedEntry p : posting.posted()) {
                        outcomes.put(p.entry().id(), new Outcome(p.entry().id(), Outcome.Status.POSTED, p, null));
                        remaining.remove(p.entry().id());
                        ledgerDocs.add(ledger.toDocument(p));
                    }
                }
            });
            ledger.insertAll(ledgerDocs);
        }
        return List.copyOf(outcomes.values());
    }

    private static List<Document> journalEntry(@Nullable Document account, String entryId) {
        if (account == null) {
            return List.of();
        }
        return account.getList("journal", Document.class, List.of()).stream()
                .filter(j -> entryId.equals(j.getString("_id"))).toList();
    }
}
