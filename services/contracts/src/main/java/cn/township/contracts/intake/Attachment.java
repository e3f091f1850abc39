package cn.township.contracts.intake;

/** A photo, recording or document attached to a ticket. */
public record Attachment(
        String url,
        String mediaType) {
}
