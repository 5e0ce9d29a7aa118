"""The workbench in headless Chromium, as a finance officer uses it (scripts/browser-test).

Opens the scenarios, uploads the department workbook scripts/browser-test made with `ntp template --from`
the shipped default scenario (Excel in), checks that the imported scenario holds the shipped one's
communes and money, edits a what-if on it (capacity 2, central development investment -20 %), runs the
optimizer to the end, makes the official baseline, compares the two, downloads the workbook, and checks
every figure read off a page against the plan files the workbench serves. With SCREENSHOTS set, writes
each page at 1366 and 390 px width there.
"""

import json
import os
import re
import sys
import time
import unittest
import urllib.request
import zipfile
from xml.etree import ElementTree

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ["WORKBENCH_URL"].rstrip("/")
DOWNLOADS = os.environ["DOWNLOADS"]
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")
WORKBOOK = os.environ["WORKBOOK"]
DEFAULT = "Quảng Hòa 2022-2025: ma trận tiêu chí và vốn ba chương trình MTQG"
IMPORTED = "Quảng Hòa từ sổ Excel"


def vietnamese_number(text):
    """`1.234` (thousands) → 1234; `0,5` → 0.5."""
    return float(text.strip().replace(".", "").replace(",", "."))


class Workbench(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(DOWNLOADS, exist_ok=True)
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                         "--force-device-scale-factor=1", "--window-size=1366,900", "--lang=vi"]:
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"download.default_directory": DOWNLOADS, "download.prompt_for_download": False})
        cls.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        cls.driver.set_page_load_timeout(120)
        cls.wait = WebDriverWait(cls.driver, 180)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    # Helpers

    def open(self, path):
        self.driver.get(URL + path)

    def fetch_json(self, path):
        """A JSON answer of the workbench, fetched by the page itself (same session)."""
        text = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done);", path)
        return json.loads(text)

    def table(self, table_id):
        """A table's rows as lists of cell texts (header cells included)."""
        rows = self.driver.find_elements(By.CSS_SELECTOR, f"#{table_id} tr")
        return [[cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")] for row in rows]

    def fact(self, table_id, label):
        for row in self.table(table_id):
            if row and row[0] == label:
                return row[1:]
        self.fail(f"no row {label!r} in #{table_id}")

    def shoot(self, name):
        if not SCREENSHOTS:
            return
        os.makedirs(SCREENSHOTS, exist_ok=True)
        for width in (1366, 390):
            self.driver.set_window_size(width, 900)
            time.sleep(0.3)
            height = self.driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
            self.driver.set_window_size(width, min(max(height, 600), 6000))
            time.sleep(0.3)
            self.driver.save_screenshot(os.path.join(SCREENSHOTS, f"workbench-{name}-{width}.png"))
        self.driver.set_window_size(1366, 900)

    def follow(self, element):
        """Clicks a link or a form's button and waits until the browser has left the page it was on, so that
        what is read next is read off the new page."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        self.wait.until(self.left(page))

    @staticmethod
    def left(page):
        """Whether the browser has left the page whose root element is `page`. Chrome answers a question
        about an element of a page it has left either as stale or, while it swaps the documents, with
        "does not belong to the document" (which Selenium's `staleness_of` lets through as an error)."""
        def gone(_driver):
            try:
                page.is_enabled()
                return False
            except StaleElementReferenceException:
                return True
            except WebDriverException as error:
                if "does not belong to the document" in str(error):
                    return True
                raise
        return gone

    def run_to_the_end(self):
        """On a run page: waits until it has finished and returns its state text."""
        self.wait.until(lambda driver: driver.find_element(By.ID, "run").get_attribute("data-state") in ("done", "failed", "cancelled", "interrupted"))
        return self.driver.find_element(By.ID, "run").get_attribute("data-state")

    def plan_file(self, plan_id):
        return self.fetch_json(f"/api/plans/{plan_id}/document")

    # The test

    def test_a_finance_officer_plans_compares_and_downloads(self):
        try:
            self.plan_compare_and_download()
        except Exception:
            # Where the browser was, for a failure seen only in CI.
            print(f"\nthe browser was at {self.driver.current_url} ({self.driver.title!r})", file=sys.stderr)
            raise

    def plan_compare_and_download(self):
        driver = self.driver
        self.open("/scenarios")
        self.assertIn("Kịch bản", driver.title)
        self.shoot("scenarios")

        # The department's workbook (the template filled from the shipped default scenario), uploaded.
        self.follow(driver.find_element(By.LINK_TEXT, "Tải lên kịch bản"))
        driver.find_element(By.ID, "f-files").send_keys(WORKBOOK)
        driver.find_element(By.CSS_SELECTOR, "#upload-form input[name='name']").send_keys(IMPORTED)
        self.shoot("upload")
        self.follow(driver.find_element(By.CSS_SELECTOR, "#upload-form button"))
        self.wait.until(expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, ".flash"), "Đã tải lên kịch bản"))
        self.assertEqual(driver.find_element(By.TAG_NAME, "h1").text, IMPORTED)
        self.assertIn("sổ Excel · quang-hoa.xlsx", driver.find_element(By.CSS_SELECTOR, "main .lead").text)
        imported_id = int(re.search(r"/scenarios/(\d+)", driver.current_url).group(1))
        shipped = next(s for s in self.fetch_json("/api/scenarios") if s["name"] == DEFAULT)
        ours = self.fetch_json(f"/api/scenarios/{imported_id}/versions/1")
        theirs = self.fetch_json(f"/api/scenarios/{shipped['id']}/versions/{shipped['latest_version']}")
        key = lambda e: (e["program"], e["source"], e["amount_dong"])
        self.assertEqual(sorted(map(key, ours["envelopes"])), sorted(map(key, theirs["envelopes"])))
        self.follow(driver.find_element(By.LINK_TEXT, "v1"))
        self.assertEqual(len(self.table("status")) - 1, 16)
        self.assertIn("· v1", driver.find_element(By.TAG_NAME, "h1").text)
        self.assertEqual(self.fact("policy", "Tối đa tiêu chí/xã/năm"), ["3"])
        self.shoot("version")

        # A what-if: capacity 2 and central development investment cut by a fifth.
        self.follow(driver.find_element(By.PARTIAL_LINK_TEXT, "Thử phương án"))
        capacity = driver.find_element(By.ID, "f-capacity")
        capacity.clear()
        capacity.send_keys("2")
        rows = driver.find_elements(By.CSS_SELECTOR, "#envelopes tbody tr")
        investment = next(row for row in rows if "vốn đầu tư phát triển" in row.text and row.text.startswith("NTM"))
        before = vietnamese_number(investment.find_elements(By.TAG_NAME, "td")[3].text)
        investment.find_element(By.CSS_SELECTOR, "input[name$='_percent']").send_keys("-20")
        investment.find_element(By.CSS_SELECTOR, "input[name$='_reason']").send_keys("cắt một phần năm")
        self.shoot("what-if")
        self.follow(driver.find_element(By.CSS_SELECTOR, "#what-if button"))
        self.wait.until(expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, ".flash"), "Đã lưu phiên bản v2"))
        self.assertEqual(self.fact("policy", "Tối đa tiêu chí/xã/năm"), ["2"])
        version = self.fetch_json(driver.current_url.replace(URL, URL + "/api").split("?")[0])
        scaled = next(e for e in version["envelopes"] if e["program"] == "NTM" and e["source"] == "central_investment")
        self.assertEqual(scaled["amount_dong"], round(before * 1_000_000 * 0.8))

        # The optimizer, run to the end.
        self.follow(driver.find_element(By.PARTIAL_LINK_TEXT, "Lập kế hoạch tối ưu"))
        self.follow(driver.find_element(By.CSS_SELECTOR, "#run-form button"))
        self.assertEqual(self.run_to_the_end(), "done")
        self.shoot("run")
        self.follow(driver.find_element(By.ID, "open-plan"))
        optimized_id = int(re.search(r"/plans/(\d+)", driver.current_url).group(1))
        optimized = self.plan_file(optimized_id)
        self.assertEqual(optimized["settings"]["capacity"], 2)
        met, missing = self.fact("table-facts", "Tiêu chí đạt / thiếu")[0].split(" / ")
        self.assertEqual(int(met), len([c for c in optimized["completions"] if c["year"] in optimized["years"]]))
        self.assertEqual(int(self.fact("table-facts", "Tiêu chí-năm")[0]), optimized["criteria_years"])
        spent = vietnamese_number(self.fact("table-facts", "Đã chi (triệu đồng)")[0])
        self.assertAlmostEqual(spent, sum(line["amount_dong"] for line in optimized["lines"]) / 1e6, delta=1)
        self.shoot("plan")

        # The workbook the department works with, read back.
        for name in os.listdir(DOWNLOADS):
            os.remove(os.path.join(DOWNLOADS, name))
        driver.find_element(By.ID, "download-xlsx").click()
        workbook = os.path.join(DOWNLOADS, f"ke-hoach-{optimized_id}.xlsx")
        WebDriverWait(driver, 60).until(lambda _: os.path.exists(workbook) and not any(n.endswith(".crdownload") for n in os.listdir(DOWNLOADS)))
        with zipfile.ZipFile(workbook) as archive:
            names = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            sheets = [sheet.get("name") for sheet in names.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet")]
            self.assertEqual(sheets[:3], ["Tổng hợp", "Kế hoạch tiêu chí", "Phân bổ chi tiết"])
            summary = archive.read("xl/worksheets/sheet1.xml").decode()
            self.assertIn(f"<v>{optimized['criteria_years']}</v>", summary)

        # The official baseline of the same version, then the two side by side.
        self.open(f"/scenarios/{version['version']['scenario_id']}/versions/2/run?kind=baseline")
        driver.find_element(By.CSS_SELECTOR, "input[name='method'][value='official']").click()
        self.follow(driver.find_element(By.CSS_SELECTOR, "#run-form button"))
        self.assertEqual(self.run_to_the_end(), "done")
        baseline_id = int(re.search(r"/plans/(\d+)", driver.find_element(By.ID, "open-plan").get_attribute("href")).group(1))
        baseline = self.plan_file(baseline_id)
        self.open(f"/plans/{optimized_id}")
        Select(driver.find_element(By.XPATH, "//select[@name='plan']")).select_by_value(str(baseline_id))
        self.follow(driver.find_element(By.XPATH, "//select[@name='plan']/ancestor::form//button"))
        self.assertIn("So sánh kế hoạch", driver.find_element(By.TAG_NAME, "h1").text)
        plans_table = next(t for t in driver.find_elements(By.CSS_SELECTOR, ".report-section") if t.find_element(By.TAG_NAME, "h3").text == "Các kế hoạch")
        rows = {row.find_elements(By.CSS_SELECTOR, "td")[0].text: [c.text for c in row.find_elements(By.CSS_SELECTOR, "td")[1:]]
                for row in plans_table.find_elements(By.CSS_SELECTOR, "tbody tr")}
        criteria_years = rows["Tiêu chí-năm"]
        self.assertEqual([int(value) for value in criteria_years], [optimized["criteria_years"], baseline["criteria_years"]])
        self.shoot("compare")

        # The history says who did what.
        self.open("/history")
        actions = [row[2] for row in self.table("events")[1:]]
        for action in ("version.add", "run.queue", "plan.add"):
            self.assertIn(action, actions)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
