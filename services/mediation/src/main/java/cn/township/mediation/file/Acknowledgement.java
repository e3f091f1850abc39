package cn.township.mediation.file;

import java.time.Instant;

/** A party's acknowledgement of an agreement (signature, thumbprint, or a recorded oral consent). */
public record Acknowledgement(String party, String method, Instant at) {
}
