package cn.township.mediation.file;

import java.time.Instant;
import java.util.List;

/** What the parties agreed, and each party's acknowledgement of it. */
public record Agreement(List<String> terms, List<Acknowledgement> acknowledgements, Instant at) {

    public Agreement {
        terms = List.copyOf(terms);
        acknowledgements = List.copyOf(acknowledgements);
    }
}
