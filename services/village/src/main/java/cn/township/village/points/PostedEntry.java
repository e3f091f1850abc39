package cn.township.village.points;

/** A ledger entry as posted to its account: its position in the account and the balance after it. */
public record PostedEntry(LedgerEntry entry, long seq, int balance) {
}
