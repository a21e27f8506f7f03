"""A nomination completed in Arabic on a phone (right to left) and in Chinese on a phone and a
desktop: the nominee switches the language on the call page, signs in by the mailed link,
answers every kind of custom question, uploads the CV, saves a draft, submits, and sees the
receipt and "my nominations". At every step the page is in the language and direction chosen,
nothing scrolls sideways and axe finds nothing; the mailed receipt is in the language too.

The administrator first asks one question of each kind of one stakeholder group (each test
its own group, so the journeys of other groups are unchanged) and gives the questions' texts
in the language. Screenshots go to $SELECTION_SCREENSHOTS when set, else to pytest's tmp_path;
Chinese shows as empty boxes in them unless a CJK font is installed (Debian: fonts-noto-cjk).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from selection.demo import OPEN_CALL_SLUG
from tests.browser.site import ADMIN, PDF, Site, sign_in_staff, unique_address

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The English questions the administrator asks, by kind, with their texts in each language.
QUESTIONS = {
    "yes_no": {"en": "Do you hold public office?", "ar": "هل تشغل منصبًا عامًا؟", "zh": "您是否担任公职？"},
    "text": {"en": "Which office?", "ar": "ما هو المنصب؟", "zh": "担任何种职务？"},
    "choice": {"en": "Main field of work", "ar": "مجال العمل الرئيسي", "zh": "主要工作领域"},
    "long_text": {"en": "Vision for the Panel", "ar": "رؤيتك للفريق", "zh": "对小组的设想"},
    "file": {"en": "Endorsement letter", "ar": "رسالة التأييد", "zh": "推荐信"},
}
SCRIPT = {"ar": re.compile("[\u0600-\u06ff]"), "zh": re.compile("[\u4e00-\u9fff]")}


@dataclass(frozen=True)
class Nominee:
    """Who nominates themself in the journey, in the journey's language."""

    language: str
    group: str
    name: str
    title: str
    organization: str
    country: str
    answer: str
    languages: str


ARABIC = Nominee("ar", "civil_society", "ليلى حداد", "مديرة تنفيذية (اصطناعية)", "جمعية الحقوق الرقمية (اصطناعية)",
                 "EG", "وزارة الاتصالات", "العربية، الإنكليزية")
CHINESE = Nominee("zh", "technical_community", "王芳", "首席技术官（虚构）", "亚太网络信息中心（虚构）", "CN", "信息产业部",
                  "中文、英文")
CHINESE_ON_A_PHONE = Nominee("zh", "private_sector", "李明", "首席执行官（虚构）", "数字丝路有限公司（虚构）", "CN",
                             "工业和信息化部", "中文、英文、法文")


class Steps:
    """Checks every page of the journey alike and photographs it."""

    def __init__(self, page: Page, folder: Path, prefix: str, language: str) -> None:
        self.page, self.folder, self.prefix, self.language = page, folder, prefix, language
        self.axe = Axe()
        self.too_wide: dict[str, int] = {}
        self.violations: dict[str, str] = {}
        self.count = 0

    def check(self, name: str) -> None:
        """The page is in the language and its direction; record scrolling and axe's findings."""
        self.count += 1
        self.page.wait_for_load_state()
        self.page.screenshot(path=str(self.folder / f"{self.prefix}-{self.count:02d}-{name}.png"), full_page=True)
        direction = "rtl" if self.language == "ar" else "ltr"
        assert (self.page.get_attribute("html", "lang"), self.page.get_attribute("html", "dir")) == (
            self.language, direction), f"{name}: not in {self.language}"
        scroll, inner = self.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            self.too_wide[name] = scroll
        results = self.axe.run(self.page)
        if results.violations_count:
            self.violations[name] = results.generate_report()

    def assert_clean(self) -> None:
        """Nothing scrolled sideways and axe found nothing on any page."""
        assert self.too_wide == {}
        assert not self.violations, "\n\n".join(f"== {name}\n{report}" for name, report in self.violations.items())


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SELECTION_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ask_questions(browser: Browser, site: Site, nominee: Nominee) -> None:
    """The administrator asks one question of each kind of the nominee's group (the second
    only when the first is answered yes) and gives their texts in the nominee's language."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in_staff(page, site, ADMIN)
        ids: dict[str, str] = {}
        for kind, texts in QUESTIONS.items():
            page.goto(f"{site.url}/admin/calls/{OPEN_CALL_SLUG}/questions")
            group = page.locator("#group_id option", has_text=re.compile(nominee.group.replace("_", " "), re.I))
            page.locator("#group_id").select_option(group.first.get_attribute("value"))
            page.locator("#kind").select_option(kind)
            page.locator("#label").fill(texts["en"])
            if kind == "choice":
                page.locator("#choices").fill("Policy\nTechnology\nResearch")
            page.locator("#required").check()
            if kind == "text":
                page.locator("#show_when").select_option(f"{ids['yes_no']}:yes")
            page.get_by_role("button", name="Add the question").click()
            link = page.locator("main table a", has_text=texts["en"]).last
            ids[kind] = link.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
        page.goto(f"{site.url}/admin/calls/{OPEN_CALL_SLUG}/languages?language={nominee.language}")
        for kind, question_id in ids.items():
            page.locator(f"[name='question-{question_id}-label']").fill(QUESTIONS[kind][nominee.language])
        page.locator("main form button[type=submit]").last.click()
        expect(page.locator(f"[name='question-{ids['file']}-label']")).to_have_value(QUESTIONS["file"][nominee.language])
    finally:
        context.close()


def nominate(browser: Browser, site: Site, folder: Path, nominee: Nominee, viewport: dict[str, int]) -> None:
    """The nominee's whole journey in ``nominee.language`` at ``viewport``."""
    email = unique_address("journey")
    context = browser.new_context(viewport=viewport, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.set_default_timeout(15_000)
    steps = Steps(page, folder, f"{viewport['width']}-{nominee.language}-journey", nominee.language)
    try:
        page.goto(f"{site.url}/calls/{OPEN_CALL_SLUG}")
        page.locator(f"form.languages button[lang={nominee.language}]").click()
        steps.check("call")

        page.locator(f"main a[href$='/nominate/{nominee.group}']").first.click()
        steps.check("sign-in")
        page.locator("main input[type=email]").fill(email)
        page.locator("main button[type=submit]").click()
        expect(page.locator("main")).to_contain_text(email)
        steps.check("link-sent")
        mails = len(site.mails_to(email))
        page.goto(site.wait_for_mail(email).link("/my/sign-in/"))
        steps.check("use-link")
        page.locator("main button[type=submit]").click()

        page.locator("#nomination_kind-0").check()
        page.locator("#name").fill(nominee.name)
        page.locator("#title").fill(nominee.title)
        page.locator("#organization").fill(nominee.organization)
        page.locator("#position_level").select_option(index=1)
        page.locator("#nationality").select_option(nominee.country)
        steps.check("form")
        page.locator("[name=save_draft]").click()
        steps.check("draft-saved")

        page.goto(f"{site.url}/my")
        steps.check("my-draft")
        page.locator("main a[href$='/edit']").first.click()
        expect(page.locator("#name")).to_have_value(nominee.name)
        page.locator("#residence").select_option(nominee.country)
        page.locator("input[name=gender]").first.check()
        page.locator("#biography").fill(f"{nominee.name}: {nominee.title}, {nominee.organization}.")
        page.locator("#motivation").fill(nominee.organization)
        page.locator("#languages").fill(nominee.languages)
        cv = folder / "cv.pdf"
        cv.write_bytes(PDF)
        page.locator("#cv").set_input_files(str(cv))
        answer(page, nominee, cv)
        for checkbox in page.locator("main form input[type=checkbox]:visible").all():
            checkbox.check()
        steps.check("form-filled")
        page.locator("[name=submit_nomination]").click()
        expect(page.locator("main")).to_contain_text(nominee.name)
        steps.check("receipt")

        page.goto(f"{site.url}/my")
        expect(page.locator("main")).to_contain_text(nominee.name)
        steps.check("my-nominations")
    finally:
        context.close()
    steps.assert_clean()
    receipt = site.wait_for_mail(email, after=mails)
    assert nominee.name in receipt.body
    assert SCRIPT[nominee.language].search(receipt.subject), receipt.subject
    assert SCRIPT[nominee.language].search(receipt.body), receipt.body


def answer(page: Page, nominee: Nominee, upload: Path) -> None:
    """Answer the custom questions by their translated texts; the second appears on "yes"."""
    texts = {kind: words[nominee.language] for kind, words in QUESTIONS.items()}
    question = page.locator("main .question")
    question.filter(has_text=texts["yes_no"]).locator("input[type=radio]").first.check()
    page.get_by_label(texts["text"]).fill(nominee.answer)
    question.filter(has_text=texts["choice"]).locator("input[type=radio]").nth(1).check()
    page.get_by_label(texts["long_text"]).fill(nominee.organization)
    page.get_by_label(texts["file"]).set_input_files(str(upload))


def test_a_nomination_in_arabic_on_a_phone(browser: Browser, site: Site, screenshots: Path) -> None:
    ask_questions(browser, site, ARABIC)
    nominate(browser, site, screenshots, ARABIC, PHONE)


@pytest.mark.parametrize("nominee, viewport", [(CHINESE, DESKTOP), (CHINESE_ON_A_PHONE, PHONE)], ids=["desktop", "phone"])
def test_a_nomination_in_chinese(browser: Browser, site: Site, screenshots: Path, nominee: Nominee,
                                 viewport: dict[str, int]) -> None:
    ask_questions(browser, site, nominee)
    nominate(browser, site, screenshots, nominee, viewport)
