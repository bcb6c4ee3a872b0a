package dev.meridian.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium through Debian's
 * chromedriver (nothing is downloaded: SE_OFFLINE, explicit driver and browser paths), against the
 * real jar on a replay. Sign in, see prices move, flip Allow Funds (accepting its confirmation), a
 * per-asset switch and Max Pair %, see the audit entries, reload and find the state persisted; then
 * restart the bot on the same port and state and watch the open page reconnect by itself, still signed in.
 * Screenshots go to target/dashboard.png (target/dashboard-failure.png when it fails).
 */
class DashboardBrowserIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @BeforeEach
    void letTheDatabaseUserIn() throws Exception {
        BotProcess.openForTraversal(tmp);
    }

    @Test
    void signInWatchPricesChangeControlsReloadAndOutliveARestart() throws Exception {
        assertThat(Path.of(CHROMIUM)).as("chromium (apt-get install chromium; .ci/run installs it)").exists();
        assertThat(Path.of(CHROMEDRIVER)).as("chromedriver (apt-get install chromium-driver; .ci/run installs it)").exists();
        Files.deleteIfExists(Path.of("target", "dashboard-failure.png")); // from an earlier failed run
        // A fixed port, so the open page can find the bot again after the restart.
        Map<String, String> env = Map.of("MERIDIAN_HTTP_PORT", Integer.toString(freePort()));
        Path state = tmp.resolve("state");
        WebDriver driver = chrome(Files.createDirectories(tmp.resolve("chrome-profile")));
        try {
            try (BotProcess bot = BotProcess.start(state, tmp, env, "run", "--replay", "btc-trades-2013", "--speed", "60")) {
                bot.awaitStatus(s -> s.getJsonArray("symbols") != null && !s.getJsonArray("symbols").isEmpty()
                        && s.getJsonArray("symbols").getJsonObject(0).getValue("last_price") != null, Duration.ofMinutes(2));
                JsonObject fundsBefore = bot.api("/api/funds");
                assertThat(fundsBefore.getBoolean("allow_funds")).isFalse();
                assertThat(fundsBefore.getJsonObject("asset_classes").getBoolean("PERP")).isFalse();
                assertThat(fundsBefore.getValue("max_pair_pct").toString()).isNotEqualTo("5");

                drive(driver, bot);
                screenshot(driver, Path.of("target", "dashboard.png"));

                JsonObject funds = bot.api("/api/funds");
                assertThat(funds.getBoolean("allow_funds")).isTrue();
                assertThat(funds.getJsonObject("asset_classes").getBoolean("PERP")).isTrue();
                assertThat(funds.getJsonObject("asset_classes").getBoolean("SPOT")).isTrue();
                assertThat(funds.getValue("max_pair_pct").toString()).isEqualTo("5");
                assertThat(bot.api("/api/audit").getJsonArray("entries")).hasSize(3);
                assertThat(bot.logText()).doesNotContain("SEVERE");
                bot.stop();
            }
            // The page says it lost the bot, and needs no one to come back: same session, live again, prices moving.
            WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
            wait.ignoring(StaleElementReferenceException.class);
            wait.until(d -> !d.findElement(By.id("conn")).getText().equals("live"));
            try (BotProcess bot = BotProcess.start(state, tmp, env, "run", "--replay", "btc-trades-2013", "--speed", "60")) {
                new WebDriverWait(driver, Duration.ofSeconds(90), Duration.ofMillis(200)).withMessage("the page to reconnect")
                        .until(ExpectedConditions.textToBe(By.id("conn"), "live"));
                assertThat(driver.findElement(By.id("dashboard")).isDisplayed()).isTrue();
                assertThat(driver.findElement(By.id("signin")).isDisplayed()).isFalse();
                String price = wait.until(d -> price(d));
                wait.until(d -> { String now = price(d); return now != null && !now.equals(price); });
                assertThat(switchLabelled(driver, "Allow Bot To Use Funds").isSelected()).isTrue();
                assertThat(bot.logText()).doesNotContain("SEVERE");
            }
            // No script error on the page (a 401 before sign-in is the page probing its cookie and expected).
            List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(e -> e.getLevel() + " " + e.getMessage()).toList();
            assertThat(console).noneMatch(m -> m.contains("Uncaught") || m.contains("TypeError") || m.contains("ReferenceError"));
        } catch (Throwable t) {
            try {
                screenshot(driver, Path.of("target", "dashboard-failure.png"));
            } catch (Exception e) {
                t.addSuppressed(e);
            }
            throw t;
        } finally {
            driver.quit();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void drive(WebDriver driver, BotProcess bot) throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        driver.get(bot.url("/"));

        // Sign in with the token: the page swaps the form for the dashboard and goes live over the bridge.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(BotProcess.TOKEN);
        driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
        assertThat(driver.findElement(By.id("signin")).isDisplayed()).isFalse();
        wait.until(ExpectedConditions.textToBe(By.id("conn"), "live"));

        // Prices move live: the Last cell of the replayed symbol changes without a reload (the table is
        // re-rendered every second, so its cells are read by script in one go).
        String firstPrice = wait.until(d -> price(d));
        assertThat(cell(driver, "#symbols tbody tr:first-child td:first-child")).isEqualTo("BTCUSD");
        new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage("the Last price to change from " + firstPrice)
                .until(d -> { String now = price(d); return now != null && !now.equals(firstPrice); });

        // The switches are found by their visible labels, which are also their accessible names.
        WebElement allowFunds = switchLabelled(driver, "Allow Bot To Use Funds");
        WebElement perp = switchLabelled(driver, "PERP");
        WebElement spot = switchLabelled(driver, "SPOT");
        assertThat(allowFunds.getAttribute("id")).isEqualTo("allow-funds");
        assertThat(perp.getAttribute("data-asset")).isEqualTo("PERP");
        assertThat(allowFunds.isSelected()).isFalse();
        assertThat(perp.isSelected()).isFalse();
        assertThat(spot.isSelected()).isTrue();

        // Allow Funds ON asks first, naming what would go live.
        allowFunds.click();
        String question = wait.until(ExpectedConditions.alertIsPresent()).getText();
        assertThat(question).contains("Allow the bot to use real funds?").contains("SPOT").contains("OPTIONS");
        driver.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBe(By.id("controls-msg"), "Allow Bot To Use Funds saved."));
        assertThat(allowFunds.isSelected()).isTrue();

        perp.click();
        wait.until(ExpectedConditions.textToBe(By.id("controls-msg"), "PERP switch saved."));
        assertThat(perp.isSelected()).isTrue();

        WebElement maxPair = driver.findElement(By.xpath("//label[contains(normalize-space(.), 'Max Pair %')]//select"));
        assertThat(maxPair.getAttribute("id")).isEqualTo("max-pair");
        assertThat(maxPair.getAccessibleName()).startsWith("Max Pair %");
        new Select(maxPair).selectByValue("5");
        wait.until(ExpectedConditions.textToBe(By.id("controls-msg"), "Max Pair % saved."));

        // The audit table lists the three changes, newest first, made by the dashboard session. The page
        // re-renders it on every change and ui.funds message, so it is read in one snapshot, not cell by cell.
        List<String> expectedWhat = List.of("funds: {\"max_pair_pct\":5}", "funds: {\"asset_classes\":{\"PERP\":true}}",
                "funds: {\"allow_funds\":true}");
        wait.until(d -> auditRows(d).stream().map(r -> r.get(2)).toList().equals(expectedWhat));
        for (List<String> r : auditRows(driver)) assertThat(r.get(1)).startsWith("dashboard-session@");
        // Reload: the session cookie keeps the page signed in, and the controls show the saved state.
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
        wait.until(ExpectedConditions.textToBe(By.id("conn"), "live"));
        assertThat(switchLabelled(driver, "Allow Bot To Use Funds").isSelected()).isTrue();
        assertThat(switchLabelled(driver, "PERP").isSelected()).isTrue();
        assertThat(switchLabelled(driver, "SPOT").isSelected()).isTrue();
        assertThat(switchLabelled(driver, "Pause all").isSelected()).isFalse();
        assertThat(new Select(driver.findElement(By.id("max-pair"))).getFirstSelectedOption().getText()).isEqualTo("5 %");
        wait.until(d -> auditRows(d).stream().map(r -> r.get(2)).toList().equals(expectedWhat));
        // Prices keep moving after the reload too.
        String afterReload = wait.until(d -> price(d));
        wait.until(d -> { String now = price(d); return now != null && !now.equals(afterReload); });
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    }

    /** The checkbox inside the label whose visible text is {@code text}, checked to be a switch named by that label. */
    private static WebElement switchLabelled(WebDriver driver, String text) {
        WebElement input = driver.findElement(By.xpath("//label[normalize-space(.)='" + text + "']/input[@type='checkbox']"));
        assertThat(input.getAriaRole()).as(text + " role").isEqualTo("switch");
        assertThat(input.getAccessibleName()).as(text + " accessible name").isEqualTo(text);
        return input;
    }

    /** The first symbol's Last price as shown (e.g. "1,021.50"), or null while there is none. */
    private static String price(WebDriver driver) {
        String text = cell(driver, "#symbols tbody tr:first-child td:nth-child(3)");
        return text != null && text.matches("[0-9,]+\\.[0-9]{2}") ? text : null;
    }

    private static String cell(WebDriver driver, String css) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
    }

    /** The audit table's rows as [at, who, what], read in one script so a re-render cannot interleave. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> auditRows(WebDriver driver) {
        return (List<List<String>>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('#audit tbody tr'), tr => Array.from(tr.cells, td => td.textContent));");
    }

    private static void screenshot(WebDriver driver, Path to) throws Exception {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(to.getParent());
        Files.copy(png.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Debian's Chromium through Debian's chromedriver; Selenium Manager is told to stay offline and is never needed. */
    private static WebDriver chrome(Path profile) throws java.io.IOException {
        Files.createDirectories(Path.of("target", "it-logs"));
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1400,2000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .withLogFile(Path.of("target", "it-logs", "chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }
}
