import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plays Twilio: posts an inbound-SMS callback to a running connector, form-encoded and signed with
 * X-Twilio-Signature exactly as Twilio signs it (HMAC-SHA1 over the public URL and the sorted fields).
 * Run through scripts/send-test-sms; plain JDK, no build needed.
 */
public class SendTestSms {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "url", "http://localhost:8080",
                "token", "demo-auth-token",
                "from", "+15550100200",
                "to", "+15550100001",
                "body", "Hello from the test sender"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                usage();
                return;
            }
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                System.err.println("unexpected argument: " + arg);
                usage();
                System.exit(2);
            }
            options.put(arg.substring(2), args[++i]);
        }
        String url = strip(options.get("url"));
        String publicBaseUrl = strip(options.getOrDefault("public-base-url", url));
        String path = "/webhooks/twilio/inbound";
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String sid = options.getOrDefault("sid", "SM" + HexFormat.of().formatHex(random));

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ToCountry", "US");
        fields.put("SmsMessageSid", sid);
        fields.put("NumMedia", "0");
        fields.put("SmsSid", sid);
        fields.put("SmsStatus", "received");
        fields.put("Body", options.get("body"));
        fields.put("FromCountry", "US");
        fields.put("To", options.get("to"));
        fields.put("NumSegments", "1");
        fields.put("MessageSid", sid);
        fields.put("AccountSid", options.getOrDefault("account-sid", "ACdemo00000000000000000000000000"));
        fields.put("From", options.get("from"));
        fields.put("ApiVersion", "2010-04-01");

        StringBuilder signed = new StringBuilder(publicBaseUrl + path);
        new TreeMap<>(fields).forEach((name, value) -> signed.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(options.get("token").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));

        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());

        System.out.println("POST " + url + path + " -> " + answer.statusCode() + " " + answer.body());
        System.out.println("MessageSid: " + sid);
        if (answer.statusCode() == 200) {
            System.out.println("Where it landed and why:");
            System.out.println("  curl -s -u admin:$TEXTBRIDGE_ADMIN_PASSWORD " + url + "/admin/v1/messages/twilio/" + sid);
        } else {
            System.exit(1);
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void usage() {
        System.out.println("""
                usage: scripts/send-test-sms [--from +15550100200] [--to +15550100001] [--body "text"]
                                             [--url http://localhost:8080] [--public-base-url URL]
                                             [--token demo-auth-token] [--sid SM...]
                Posts a Twilio inbound-SMS callback, signed as Twilio signs it, to a running connector.
                --public-base-url is the textbridge.public-base-url the connector verifies against (default: --url).""");
    }
}
