package dev.textbridge.connector.panel;

import dev.textbridge.connector.support.Browser;
import dev.textbridge.connector.support.BrowserTest;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sellers in a real browser (headless Chromium), on the local CRM's pages and in the conversation panel, against the
 * running connector; Twilio's Messages API is WireMock, Twilio's callbacks are signed as Twilio signs them.
 */
@BrowserTest
class PanelBrowserTest {

    private static final String MESSAGES = "/2010-04-01/Accounts/" + TwilioCallbacks.ACCOUNT_SID + "/Messages.json";
    private static final String ALICES_NUMBER = "+15550100001";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    ChromeDriver browser;
    WebDriverWait waiting;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start("en-US");
        waiting = patientWith(browser);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aSellerReadsTheHistorySendsATemplatedTextAndSeesItDelivered() {
        customerTexts("+15550100200", ALICES_NUMBER, "Is the renewal still on?");
        String template = createTemplate("U-ALICE", "Renewal ready", "Hi {{record.firstName}}, this is {{seller.firstName}}: the renewal is ready.");
        String filled = "Hi Dana, this is Alice: the renewal is ready.";
        twilioAccepts(filled, "SM" + "b".repeat(32));

        onCrmPage("#/record/contact/C-1");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dana Customer"));
        intoPanel();
        WebElement inbound = waitForMessage("Is the renewal still on?");
        assertThat(inbound.getAttribute("class")).contains("inbound");
        assertThat(inbound.findElement(By.tagName("time")).getAttribute("datetime")).isNotBlank();

        new Select(browser.findElement(By.id("template"))).selectByVisibleText("Renewal ready");
        assertThat(browser.findElement(By.id("body")).getAttribute("value"))
                .as("the merge fields are filled from the record and the seller").isEqualTo(filled);
        assertThat(browser.findElement(By.id("counter")).getText()).isEqualTo(filled.length() + " characters · 1 segment · GSM-7");
        assertThat(new Select(browser.findElement(By.id("from"))).getFirstSelectedOption().getAttribute("value")).isEqualTo(ALICES_NUMBER);
        browser.findElement(By.id("send")).click();

        WebElement sent = waitForMessage(filled);
        assertThat(sent.getAttribute("class")).contains("outbound");
        waiting.until(d -> statusOf(filled).equals("Queued"));
        BrowserTest.TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing(form("Body", filled)))
                .withRequestBody(containing(form("To", "+15550100200"))).withRequestBody(containing(form("From", ALICES_NUMBER))));

        twilioReports("SM" + "b".repeat(32), "sent", null);
        twilioReports("SM" + "b".repeat(32), "delivered", null);
        waiting.until(d -> statusOf(filled).equals("Delivered"));
        screenshot("panel.png", true);
        assertThat(template).isNotBlank();
    }

    @Test
    void aTextToAnInvalidNumberShowsWhyItFailedOnHoverAndOnFocus() {
        openPanel("U-ALICE", "account", "A-3");
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("composer")));
        new Select(browser.findElement(By.id("to"))).selectByVisibleText("Another number…");
        browser.findElement(By.id("other-number")).sendKeys("12345");
        browser.findElement(By.id("body")).sendKeys("Your chairs are on their way");
        browser.findElement(By.id("send")).click();

        waiting.until(d -> statusOf("Your chairs are on their way").equals("Failed"));
        WebElement status = messageWithBody("Your chairs are on their way").findElement(By.className("status"));
        WebElement reason = messageWithBody("Your chairs are on their way").findElement(By.className("reason"));
        assertThat(reason.isDisplayed()).isFalse();

        new Actions(browser).moveToElement(status).perform();
        waiting.until(ExpectedConditions.visibilityOf(reason));
        assertThat(reason.getText()).isEqualTo("Why: Invalid send parameters");
        assertThat(reason.getAttribute("role")).isEqualTo("tooltip");
        assertThat(status.getAttribute("aria-describedby")).isEqualTo(reason.getAttribute("id"));

        new Actions(browser).moveToElement(browser.findElement(By.id("send"))).perform();
        waiting.until(ExpectedConditions.invisibilityOf(reason));
        // Keyboard only: from the first field of the composer, Shift+Tab goes back to the failed text's status.
        ((JavascriptExecutor) browser).executeScript("document.getElementById('from').focus()");
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(browser.switchTo().activeElement()).isEqualTo(status);
        waiting.until(ExpectedConditions.visibilityOf(reason));
        BrowserTest.TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(containing(form("Body", "Your chairs are on their way"))));
    }

    @Test
    void aSellerMovesTheConversationToAnotherRecordAndSeesItThereAtOnce() {
        customerTexts("+15550100211", ALICES_NUMBER, "This is Jamie, on my partner's home phone");

        onCrmPage("#/record/contact/C-5");
        intoPanel();
        waitForMessage("This is Jamie, on my partner's home phone");
        browser.findElement(By.id("change-record")).click();
        browser.findElement(By.id("move-query")).sendKeys("Jamie", Keys.ENTER);
        WebElement target = waiting.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//label[contains(., 'Jamie Walk-in')]")));
        target.click();
        browser.findElement(By.id("move-confirm")).click();

        browser.switchTo().defaultContent();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Jamie Walk-in"));
        intoPanel();
        waitForMessage("This is Jamie, on my partner's home phone");
        assertThat(browser.findElement(By.id("record-title")).getText()).isEqualTo("Lead: Jamie Walk-in");

        browser.switchTo().defaultContent();
        onCrmPage("#/record/contact/C-5");
        intoPanel();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-messages")));
        assertThat(browser.findElement(By.id("messages")).getText()).doesNotContain("This is Jamie");
    }

    @Test
    void aSellerWithoutVisibilitySeesNothingOfTheConversation() {
        customerTexts("+15550100200", ALICES_NUMBER, "Only Alice may read this");

        openPanel("U-BOB", "contact", "C-1");
        WebElement notice = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(notice.getText()).isEqualTo("Nothing to show: this record does not exist or you may not see it.");
        assertThat(browser.findElement(By.id("workspace")).isDisplayed()).isFalse();
        assertThat(browser.getPageSource()).doesNotContain("Only Alice may read this").doesNotContain("Dana");

        onCrmPage("#/records/contact");
        actAs("U-BOB");
        browser.findElement(By.linkText("My text messages")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "My text messages"));
        waiting.until(d -> d.findElement(By.id("view")).getText().contains("conversation(s)"));
        assertThat(browser.findElement(By.id("view")).getText()).doesNotContain("Only Alice may read this").doesNotContain("Dana Customer");
    }

    @Test
    void aSimulatedTextRingsTheBellWhichOpensTheConversationAlsoListedInMyTextMessages() {
        onCrmPage("#/simulate");
        WebElement from = waiting.until(ExpectedConditions.elementToBeClickable(By.id("simulate-from")));
        from.clear();
        from.sendKeys("+1 555 017 7701");
        browser.findElement(By.id("simulate-body")).sendKeys("Hello, I saw your ad. Do you deliver on Saturdays?");
        browser.findElement(By.id("simulate-send")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("simulate-result"), "was accepted"));

        WebElement count = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("bell-count")));
        assertThat(Integer.parseInt(count.getText())).isPositive();
        browser.findElement(By.id("bell")).click();
        WebElement notification = waiting.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#notification-list li.new a")));
        notification.click();

        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "+15550177701"));
        intoPanel();
        waitForMessage("Hello, I saw your ad. Do you deliver on Saturdays?");
        browser.switchTo().defaultContent();

        browser.findElement(By.linkText("My text messages")).click();
        waiting.until(d -> d.findElement(By.id("view")).getText().contains("Hello, I saw your ad"));
        screenshot("my-text-messages.png", false);
        browser.findElement(By.partialLinkText("+15550177701")).click();
        intoPanel();
        waitForMessage("Hello, I saw your ad. Do you deliver on Saturdays?");
    }

    @Test
    void aDeepLinkOpensThePanelWithTheTemplateChosenAndANewTemplateIsOneDialogAway() {
        String template = createTemplate("U-ALICE", "Cadence step 2", "Hello {{record.name}}, any questions about your order?");
        onCrmPage("#/record/opportunity/O-1?template=" + template);
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Renewal 2027"));
        intoPanel();
        waiting.until(d -> "Hello Renewal 2027, any questions about your order?".equals(
                d.findElement(By.id("body")).getAttribute("value")));
        assertThat(new Select(browser.findElement(By.id("template"))).getFirstSelectedOption().getText()).isEqualTo("Cadence step 2");

        browser.findElement(By.id("new-template")).click();
        WebElement name = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("template-name")));
        assertThat(browser.switchTo().activeElement()).as("the dialog takes the focus").isEqualTo(name);
        name.sendKeys("Thanks");
        WebElement body = browser.findElement(By.id("template-body"));
        body.clear();
        body.sendKeys("Thanks {{record.nickname}}!");
        browser.findElement(By.id("template-save")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("template-error"), "record.nickname"));
        body.clear();
        body.sendKeys("Thanks, {{record.firstName}}! {{seller.name}}");
        browser.findElement(By.id("template-save")).click();
        waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.id("template-dialog")));
        assertThat(new Select(browser.findElement(By.id("template"))).getFirstSelectedOption().getText()).isEqualTo("Thanks");
        assertThat(browser.findElement(By.id("body")).getAttribute("value")).isEqualTo("Thanks, Renewal! Alice Seller");
    }

    @Test
    void onAContactTheSellerPicksAPhoneFieldAndAnOpportunityWhoseConversationAlsoShowsOnTheOpportunity() {
        twilioAccepts("About Renewal 2027: the quote is attached", "SM" + "c".repeat(32));
        onCrmPage("#/record/contact/C-1");
        intoPanel();
        WebElement to = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("to")));
        assertThat(new Select(to).getOptions()).extracting(WebElement::getText)
                .contains("business: (555) 010-0200", "mobile: +1 555 010 0201");
        Select opportunity = new Select(waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("opportunity"))));
        assertThat(opportunity.getOptions()).extracting(WebElement::getText).contains("Renewal 2027");
        opportunity.selectByVisibleText("Renewal 2027");

        new Select(browser.findElement(By.id("to"))).selectByVisibleText("mobile: +1 555 010 0201");
        browser.findElement(By.id("body")).sendKeys("About Renewal 2027: the quote is attached");
        browser.findElement(By.id("send")).click();
        waitForMessage("About Renewal 2027: the quote is attached");
        BrowserTest.TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(containing(form("To", "+15550100201")))
                .withRequestBody(containing(form("Body", "About Renewal 2027: the quote is attached"))));

        browser.switchTo().defaultContent();
        onCrmPage("#/record/opportunity/O-1");
        intoPanel();
        waitForMessage("About Renewal 2027: the quote is attached");
        browser.findElement(By.xpath("//span[@id='related']/button[.='Contact: Dana Customer']")).click();
        browser.switchTo().defaultContent();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dana Customer"));
        intoPanel();
        waiting.until(ExpectedConditions.textToBe(By.id("record-title"), "Contact: Dana Customer"));
    }

    @Test
    void thePanelSpeaksTheBrowsersLanguage() {
        browser.quit();
        browser = Browser.start("es");
        waiting = patientWith(browser);
        openPanel("U-ALICE", "contact", "C-1");
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("composer")));
        assertThat(browser.findElement(By.id("send")).getText()).isEqualTo("Enviar");
        assertThat(browser.findElement(By.id("change-record")).getText()).isEqualTo("Cambiar registro");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(browser.findElement(By.id("record-title")).getText()).startsWith("Contacto");
    }

    // ---- what the people around the browser do

    /** Waits that look again when the panel re-rendered the element under the test's feet (a poll's answer). */
    private static WebDriverWait patientWith(ChromeDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void onCrmPage(String hash) {
        // A query of its own makes every visit a fresh page load, even when only the fragment differs.
        browser.get(base() + "/?visit=" + System.nanoTime() + hash);
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view h1")));
    }

    private void actAs(String seller) {
        new Select(waiting.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#seller option[value='" + seller + "']"))).findElement(By.xpath(".."))).selectByValue(seller);
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-seller='" + seller + "']")));
    }

    private void openPanel(String seller, String type, String id) {
        browser.get(base() + "/panel/?type=" + type + "&id=" + id + "#token=" + SellerTokens.forSeller(seller));
    }

    private void intoPanel() {
        waiting.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("panel"));
    }

    private WebElement messageWithBody(String body) {
        return browser.findElement(By.xpath("//ol[@id='messages']/li[p[@class='bubble' and .=" + xpathLiteral(body) + "]]"));
    }

    private WebElement waitForMessage(String body) {
        return waiting.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//ol[@id='messages']/li[p[@class='bubble' and .=" + xpathLiteral(body) + "]]")));
    }

    private String statusOf(String body) {
        List<WebElement> status = messageWithBody(body).findElements(By.className("status"));
        return status.isEmpty() ? "" : status.get(0).getText();
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    private void screenshot(String name, boolean wholePage) {
        Path target = Path.of("target", "screenshots", name);
        try {
            Files.createDirectories(target.getParent());
            browser.switchTo().defaultContent();
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void customerTexts(String from, String to, String body) {
        String sid = TwilioCallbacks.newMessageSid();
        signedPost("/webhooks/twilio/inbound", TwilioCallbacks.inbound(sid, from, to, body));
        await().atMost(PATIENCE).until(() -> "written".equals(web.get().uri("/admin/v1/messages/twilio/" + sid)
                .headers(h -> h.setBasicAuth("admin", ConnectorTest.ADMIN_PASSWORD)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("state")));
    }

    private void twilioReports(String sid, String status, String errorCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", TwilioCallbacks.ACCOUNT_SID);
        fields.put("ApiVersion", "2010-04-01");
        fields.put("From", ALICES_NUMBER);
        fields.put("MessageSid", sid);
        fields.put("MessageStatus", status);
        fields.put("SmsSid", sid);
        fields.put("SmsStatus", status);
        fields.put("To", "+15550100200");
        if (errorCode != null) {
            fields.put("ErrorCode", errorCode);
        }
        signedPost("/webhooks/twilio/status", fields);
    }

    private void signedPost(String path, Map<String, String> fields) {
        web.post().uri(path)
                .header("X-Twilio-Signature", TwilioCallbacks.sign(TwilioCallbacks.PUBLIC_BASE_URL + path, fields))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(TwilioCallbacks.formEncode(fields))
                .exchange().expectStatus().isOk();
    }

    private String createTemplate(String seller, String name, String body) {
        Map<?, ?> created = web.post().uri("/api/v1/templates").headers(h -> h.setBearerAuth(SellerTokens.forSeller(seller)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "body", body)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return created.get("id").toString();
    }

    private static void twilioAccepts(String body, String sid) {
        BrowserTest.TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(form("Body", body)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"account_sid": "%s", "api_version": "2010-04-01", "body": "%s", "date_created": "Wed, 25 Nov 2026 10:00:00 +0000",
                         "date_sent": null, "date_updated": "Wed, 25 Nov 2026 10:00:00 +0000", "direction": "outbound-api",
                         "error_code": null, "error_message": null, "from": "+15550100001", "messaging_service_sid": null,
                         "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD", "sid": "%s",
                         "status": "queued", "to": "+15550100200", "uri": "%s"}""".formatted(TwilioCallbacks.ACCOUNT_SID, body, sid,
                        MESSAGES.replace(".json", "/" + sid + ".json")))));
    }

    private static String form(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
