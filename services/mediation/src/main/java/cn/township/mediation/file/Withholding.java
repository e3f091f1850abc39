package cn.township.mediation.file;

import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What of a confidential complainant must not leave the service for a given reader: the complainant's name
 * (as a party, and wherever it appears in the file's text: plan, steps, minutes, terms, acknowledgements) and
 * phone. {@link #none()} withholds nothing.
 */
public record Withholding(Set<String> names) {

    /** Shown instead of a withheld name. */
    public static final String WITHHELD = "(保密 withheld)";

    public Withholding {
        names = Set.copyOf(names);
    }

    public static Withholding none() {
        return new Withholding(Set.of());
    }

    /** The complainants of a confidential file; nothing for an ordinary one. */
    public static Withholding complainantsOf(boolean confidential, List<Party> parties) {
        if (!confidential) {
            return none();
        }
        return new Withholding(parties.stream().filter(p -> p.role() == PartyRole.COMPLAINANT)
                .map(Party::name).filter(n -> n != null && !n.isBlank()).collect(Collectors.toSet()));
    }

    public boolean withholds(@Nullable String name) {
        return name != null && names.contains(name);
    }

    /** The text with every withheld name replaced. */
    public @Nullable String text(@Nullable String text) {
        if (text == null || names.isEmpty()) {
            return text;
        }
        String out = text;
        for (String name : names) {
            out = out.replace(name, WITHHELD);
        }
        return out;
    }

    public List<String> texts(List<String> texts) {
        return names.isEmpty() ? texts : texts.stream().map(this::text).toList();
    }

    /**
     * A withheld complainant without name and phone; the household stays only where it must (events: the
     * village service awards civility points by household and shows no names).
     */
    public Party party(Party party, boolean keepHousehold) {
        if (party.role() != PartyRole.COMPLAINANT || !withholds(party.name())) {
            return party;
        }
        return new Party(party.role(), WITHHELD, null, keepHousehold ? party.household() : null);
    }
}
