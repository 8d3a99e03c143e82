package dev.tacit.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tacit.app.ServeModels;
import dev.tacit.study.model.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of {@code tacit serve} in a real headless browser (Debian's {@code chromium} driven through its
 * {@code chromium-driver} by Selenium): a person types part of a user's id, is offered the matching ids, asks for
 * recommendations and sees them ranked with their titles, exactly those of {@code tacit recommend}; a title with
 * markup shows as text; an unknown user gets the server's message; a link {@code /?user=ID&top=K} opens on that
 * user's list. Skipped when the browser or its driver is
 * missing, unless {@value #REQUIRE} is 1 (as in CI), when it fails instead.
 */
class PageBrowserTest {

    static final String REQUIRE = "TACIT_REQUIRE_BROWSER";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * Selenium warns when it has no DevTools bindings for this Chromium's version; the test drives the page through
     * WebDriver only and needs none, so the warning is kept out of the test's output. The logger is held here so that
     * it, and its level, are not collected; the class is loaded only once this module reads {@code java.logging}.
     */
    static final class Quiet {
        static final java.util.logging.Logger CDP_LOG =
                java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

        static void apply() {
            CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    @TempDir
    Path profile;

    @Test
    void aPersonPicksAUserAndSeesTheirRecommendationsWithTitles() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present) {
            String missing = CHROMIUM + " or " + DRIVER + " is missing (Debian: apt-get install chromium "
                    + "chromium-driver)";
            if ("1".equals(System.getenv(REQUIRE))) {
                fail(missing + ", and " + REQUIRE + "=1 requires the browser test");
            }
            assumeTrue(false, missing + ": the browser test is skipped");
        }
        SavedModel model = SavedModel.load(ServeModels.model());
        PageBrowserTest.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
        Quiet.apply();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Root in a container has no sandbox to offer; the page is our own, on loopback.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1200,900");
        ServeSettings settings = ServeSettings.defaults(ModelServerTest.settings().address());
        try (ModelServer server = ModelServer.start(model, settings, e -> {
            throw new AssertionError("internal error", e);
        })) {
            WebDriver browser = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                browser.get(server.url());
                wait.until(d -> d.findElement(By.id("model")).getText().contains(model.users() + " users"));

                // Typing part of an id offers the ids that start with it.
                String user = model.userId(10);
                WebElement input = browser.findElement(By.id("user"));
                input.sendKeys(user.substring(0, 1));
                wait.until(d -> !d.findElements(By.cssSelector("#user-list option")).isEmpty()
                        && d.findElements(By.cssSelector("#user-list option")).stream()
                        .allMatch(o -> o.getAttribute("value").startsWith(user.substring(0, 1))));

                input.clear();
                input.sendKeys(user);
                WebElement top = browser.findElement(By.id("top"));
                top.clear();
                top.sendKeys("5");
                browser.findElement(By.id("go")).click();
                wait.until(d -> d.findElement(By.id("results")).isDisplayed()
                        && d.findElements(By.cssSelector("#results tbody tr")).size() == 5);
                List<Map<String, Object>> expected = items(Answers.recommendation(model, user, 5, false));
                List<WebElement> rows = browser.findElements(By.cssSelector("#results tbody tr"));
                for (int k = 0; k < 5; k++) {
                    List<WebElement> cells = rows.get(k).findElements(By.tagName("td"));
                    assertEquals(Integer.toString(k + 1), cells.get(0).getText());
                    assertEquals(expected.get(k).get("item"), cells.get(1).getText());
                    assertEquals(expected.get(k).get("title"), cells.get(2).getText());
                    assertEquals(String.format(Locale.ROOT, "%.2f", (Double) expected.get(k).get("score")),
                            cells.get(3).getText());
                }
                assertTrue(browser.findElement(By.id("message")).getText().contains("for user " + user));

                // Every item, seen ones included: the title with markup is shown as written, never as markup.
                top.clear();
                top.sendKeys(Integer.toString(model.items()));
                browser.findElement(By.id("include-seen")).click();
                browser.findElement(By.id("go")).click();
                wait.until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == model.items());
                assertTrue(browser.findElements(By.cssSelector("#results td")).stream()
                        .anyMatch(td -> td.getText().equals(ServeModels.markupTitle())), "the title as text");
                assertTrue(browser.findElements(By.cssSelector("#results b")).isEmpty(), "no markup injected");

                // A user the model never saw: the server's message, and no table.
                input.clear();
                input.sendKeys("nobody-at-all");
                browser.findElement(By.id("go")).click();
                wait.until(d -> d.findElement(By.id("message")).getText().startsWith("the model knows no user"));
                assertTrue(!browser.findElement(By.id("results")).isDisplayed());

                // A link to a user's recommendations shows them as the page opens.
                browser.get(server.url() + "?user=" + user + "&top=3");
                wait.until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 3);
                assertEquals(expected.get(0).get("title"),
                        browser.findElement(By.cssSelector("#results tbody tr td:nth-child(3)")).getText());
            } finally {
                browser.quit();
                service.stop();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> recommendation) {
        return (List<Map<String, Object>>) (List<?>) recommendation.get("items");
    }
}
