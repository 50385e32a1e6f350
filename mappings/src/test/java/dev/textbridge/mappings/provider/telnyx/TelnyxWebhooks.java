package dev.textbridge.mappings.provider.telnyx;

import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.provider.ProviderCallback;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Telnyx webhooks as Telnyx sends them (API v2 events with the fields of its published examples), signed as Telnyx
 * signs: Ed25519 over {@code <timestamp>|<body>} with the account's private key. The key is RFC 8032's test 1 key, so
 * {@link TelnyxSignatureVerifierTest} can first check this signer against the RFC's published signature.
 */
public final class TelnyxWebhooks {

    /** RFC 8032 section 7.1, TEST 1: the secret key (seed) ... */
    public static final String RFC8032_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    /** ... its public key ... */
    public static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    /** ... and its signature of the empty message. */
    public static final String RFC8032_EMPTY_MESSAGE_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
            + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    /** The public key as Telnyx's portal shows it (Base64 of the 32 raw bytes), for {@code textbridge.providers.telnyx.public-key}. */
    public static final String PUBLIC_KEY = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    public static final String MESSAGING_PROFILE_ID = "740572b6-099c-44a1-89b9-6c92163bc68d";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** PKCS#8 header of an Ed25519 private key, before its 32-byte seed (RFC 8410). */
    private static final String PKCS8_PREFIX = "302e020100300506032b657004220420";

    private TelnyxWebhooks() {
    }

    public static String newMessageId() {
        return UUID.randomUUID().toString();
    }

    /** A {@code message.received} event. */
    public static ObjectNode inbound(String messageId, String from, String to, String text, List<MediaAttachment> media,
                                     int parts) {
        ObjectNode payload = JSON.createObjectNode();
        payload.putArray("cc");
        payload.putNull("completed_at");
        payload.putNull("cost");
        payload.put("direction", "inbound");
        payload.put("encoding", "GSM-7");
        payload.putArray("errors");
        ObjectNode sender = payload.putObject("from");
        sender.put("carrier", "T-Mobile USA");
        sender.put("line_type", "long_code");
        sender.put("phone_number", from);
        sender.put("status", "webhook_delivered");
        payload.put("id", messageId);
        ArrayNode items = payload.putArray("media");
        for (MediaAttachment item : media) {
            ObjectNode node = items.addObject();
            node.put("url", item.url());
            node.put("content_type", item.contentType());
            node.put("size", 114374);
            node.put("hash_sha256", "a4b3b0b0b1a1c4f47c8a1e2d2b5a6b1c9b8d2e5f6a7b8c9d0e1f2a3b4c5d6e7f");
        }
        payload.put("messaging_profile_id", MESSAGING_PROFILE_ID);
        payload.put("parts", parts);
        payload.put("received_at", "2026-11-25T09:59:59.503+00:00");
        payload.put("record_type", "message");
        payload.putNull("sent_at");
        payload.putArray("tags");
        payload.put("text", text);
        ObjectNode recipient = payload.putArray("to").addObject();
        recipient.put("carrier", "Telnyx");
        recipient.put("line_type", "Wireless");
        recipient.put("phone_number", to);
        recipient.put("status", "webhook_delivered");
        payload.put("type", media.isEmpty() ? "SMS" : "MMS");
        payload.putNull("valid_until");
        return event("message.received", payload);
    }

    /** A {@code message.sent} or {@code message.finalized} event for a text we sent from {@code from} to {@code to}. */
    public static ObjectNode status(String eventType, String messageId, String from, String to, String status,
                                    String errorCode) {
        ObjectNode payload = JSON.createObjectNode();
        payload.putArray("cc");
        payload.put("completed_at", "finalized".equals(eventType.substring(8)) ? "2026-11-25T09:59:58.000+00:00" : null);
        ObjectNode cost = payload.putObject("cost");
        cost.put("amount", "0.0040");
        cost.put("currency", "USD");
        payload.put("direction", "outbound");
        payload.put("encoding", "GSM-7");
        ArrayNode errors = payload.putArray("errors");
        if (errorCode != null) {
            ObjectNode error = errors.addObject();
            error.put("code", errorCode);
            error.put("title", "Undeliverable");
            error.put("detail", "The recipient carrier did not accept the message.");
        }
        ObjectNode sender = payload.putObject("from");
        sender.put("carrier", "TELNYX LLC");
        sender.put("line_type", "VoIP");
        sender.put("phone_number", from);
        payload.put("id", messageId);
        payload.putArray("media");
        payload.put("messaging_profile_id", MESSAGING_PROFILE_ID);
        payload.put("parts", 1);
        payload.put("record_type", "message");
        payload.put("sent_at", "2026-11-25T09:59:57.000+00:00");
        payload.putArray("tags");
        payload.put("text", "Hi Dana, the renewal is ready");
        ObjectNode recipient = payload.putArray("to").addObject();
        recipient.put("carrier", "T-MOBILE USA, INC.");
        recipient.put("line_type", "Wireless");
        recipient.put("phone_number", to);
        recipient.put("status", status);
        payload.put("type", "SMS");
        payload.putNull("valid_until");
        return event(eventType, payload);
    }

    private static ObjectNode event(String eventType, ObjectNode payload) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("event_type", eventType);
        data.put("id", UUID.randomUUID().toString());
        data.put("occurred_at", "2026-11-25T09:59:59.588+00:00");
        data.set("payload", payload);
        data.put("record_type", "event");
        ObjectNode meta = root.putObject("meta");
        meta.put("attempt", 1);
        meta.put("delivered_to", "https://sms.example.com/webhooks/telnyx/inbound");
        return root;
    }

    public static byte[] bytes(ObjectNode event) {
        return JSON.writeValueAsBytes(event);
    }

    /** The Base64 {@code telnyx-signature-ed25519} of a body sent at {@code timestamp} (unix seconds). */
    public static String signature(long timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(sign((timestamp + "|").getBytes(StandardCharsets.UTF_8), body));
    }

    /** Ed25519 with the RFC 8032 test 1 key over the concatenated parts. */
    public static byte[] sign(byte[]... parts) {
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(HexFormat.of().parseHex(PKCS8_PREFIX + RFC8032_SECRET)));
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            for (byte[] part : parts) {
                ed25519.update(part);
            }
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body posted as Telnyx posts it, with its signature headers. */
    public static ProviderCallback signed(String url, byte[] body, long timestamp) {
        return new ProviderCallback(url, Map.of(
                "telnyx-signature-ed25519", List.of(signature(timestamp, body)),
                "telnyx-timestamp", List.of(String.valueOf(timestamp))), "application/json", body);
    }
}
