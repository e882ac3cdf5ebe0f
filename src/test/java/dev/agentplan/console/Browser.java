package dev.agentplan.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the console's browser tests: Debian's {@code chromium} and
 * {@code chromium-driver} (or {@code $AGENTPLAN_CHROMIUM} / {@code $AGENTPLAN_CHROMEDRIVER}), the
 * driver given explicitly so Selenium Manager never downloads one. Without them the tests are
 * skipped with the reason printed; with {@code CI=true} they fail.
 */
public final class Browser {

    /** What this network needs: no sandbox (root in a container), and no calls home. */
    static final String[] FLAGS = {"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1440,1100"};

    private Browser() {
    }

    public static WebDriver startOrSkip() {
        Path chromium = Path.of(envOr("AGENTPLAN_CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(envOr("AGENTPLAN_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            String why = "the console's browser tests need chromium and chromedriver (" + chromium + ", " + driver
                    + "): apt-get install -y chromium chromium-driver";
            System.out.println(why);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true: " + why);
            }
            Assumptions.abort(why);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(FLAGS);
        // the password manager would fill in the password typed before (a failed sign-in's) over the one the test types
        options.setExperimentalOption("prefs", java.util.Map.of("credentials_enable_service", false,
                "profile.password_manager_enabled", false, "autofill.profile_enabled", false));
        return new ChromeDriver(service, options);
    }

    public static <T> T waitFor(WebDriver driver, Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            String page;
            try {
                page = driver.getCurrentUrl() + "\n" + driver.findElement(org.openqa.selenium.By.tagName("body")).getText();
            } catch (RuntimeException unreadable) {
                page = "(the page cannot be read: " + unreadable.getMessage() + ")";
            }
            throw new AssertionError("waited " + timeout.toSeconds() + "s in vain; the browser shows " + page, e);
        }
    }

    /**
     * A screenshot of the page into target/console-screenshots, and into the directory
     * {@code -Dagentplan.console.screenshots=DIR} names (how docs/ gets its pictures).
     */
    public static void screenshot(WebDriver driver, String name) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Path target = Path.of("target", "console-screenshots");
            Files.createDirectories(target);
            Files.write(target.resolve(name + ".png"), png);
            String docs = System.getProperty("agentplan.console.screenshots");
            if (docs != null && !docs.isBlank()) {
                Files.createDirectories(Path.of(docs));
                Files.write(Path.of(docs, name + ".png"), png);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the screenshot " + name + ": " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
