import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Mints a seller token as the CRM side does: a JWT signed HS256 with textbridge.security.seller-token-secret,
 * sub = the CRM user id, exp one hour ahead. Run through scripts/seller-token; plain JDK.
 */
public class SellerToken {

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.out.println("usage: scripts/seller-token USER_ID [SECRET]   (SECRET defaults to the embedded demo secret)");
            System.exit(args.length < 1 ? 2 : 0);
        }
        String secret = args.length > 1 ? args[1] : "demo-seller-token-secret-change-me-0123456789";
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"" + args[0].replace("\"", "") + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = base64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
        System.out.println(header + "." + claims + "." + signature);
    }
}
