"""The "Mục tiêu kép" movement of Hải Phòng, 2021 (seed/plan-muc-tieu-kep.md), as plain data for the demo.

The plan's own text (title, legal basis, purpose, six contents, the criteria of its seven target groups, the award
forms at three levels) is restored from the scanned plan; what the plan leaves to the units and the board (deadlines,
the cluster scoring table, the units' plans and reports, the exemplary models found along the way, the covenant of the
cluster of quận) is made up to look like what happened in 2021–2022, with fictional people. Codes are those of
``thidua.demo.haiphong`` (units), the award catalog (award types) and ``thidua.movements.enums`` (kinds, states),
spelled out as strings so this module stays plain data. ``thidua.demo.movements_seed`` turns it into rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

VN = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")  # the demo's moments, in Hải Phòng time

# --- The movement ----------------------------------------------------------------------------------------------

TITLE = (
    'Phát động phong trào thi đua thực hiện thắng lợi "Mục tiêu kép" phòng, chống dịch Covid-19 và phát triển '
    "kinh tế - xã hội"
)
KIND = "thematic"
ISSUER = "HP"
ISSUING_AUTHORITY = "ct_ubnd_tinh"  # Chủ tịch Ủy ban nhân dân thành phố Hải Phòng
CO_ORGANISERS = ("HP-SYT",)  # the board "phối hợp với Sở Y tế" (IV.4)
PERIOD_START = dt.date(2021, 10, 1)
PERIOD_END = dt.date(2022, 12, 31)
# The scanned plan shows neither its number nor its date: the movement carries none; the launch day is the demo's.
LAUNCHED_ON = dt.datetime(2021, 10, 4, 9, 0, tzinfo=VN)
# Who must answer: the units directly under the city (sở, ban, ngành, quận, huyện, đoàn thể, báo chí, doanh nghiệp,
# lực lượng vũ trang and central agencies based in the city): "các sở, ban, ngành, địa phương, đơn vị" (IV.1).
SCOPE_DEPTH = 1

LEGAL_BASIS = (
    "Quyết định số 1497/QĐ-TTg ngày 10/9/2021 của Thủ tướng Chính phủ về việc ban hành Kế hoạch triển khai Phong "
    'trào thi đua đặc biệt "Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch '
    'Covid-19".'
)

PURPOSE = """\
1. Mục đích
- Phát huy tinh thần đoàn kết, lao động sáng tạo của mỗi tập thể, cá nhân, tạo khí thế thi đua sôi nổi, rộng khắp \
trong toàn hệ thống chính trị, phấn đấu hoàn thành các chỉ tiêu, nhiệm vụ đã đề ra trong năm.
- Tiếp tục nâng cao nhận thức, trách nhiệm của các cấp ủy Đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể nhân \
dân; các cơ quan, đơn vị, doanh nghiệp và địa phương; cán bộ, đảng viên, công chức, viên chức, đoàn viên, hội viên \
và các tầng lớp nhân dân về vai trò và ý nghĩa của phong trào thi đua đối với việc thực hiện nhiệm vụ chính trị, đặc \
biệt trong bối cảnh cả nước nói chung và thành phố Hải Phòng nói riêng đang thực hiện công tác phòng, chống dịch \
Covid-19.
- Khơi dậy truyền thống thi đua yêu nước và sức mạnh tổng hợp của cả hệ thống chính trị; sự năng động, sáng tạo, nỗ \
lực vượt qua mọi khó khăn, thách thức; phấn đấu nâng cao hơn nữa chất lượng, hiệu quả trong mọi công việc; người \
người, nhà nhà cùng nhau thi đua tạo không khí sôi nổi và rộng khắp trên mọi mặt trận, góp phần thực hiện thắng lợi \
"Mục tiêu kép", vừa phòng, chống dịch Covid-19 vừa phát triển kinh tế - xã hội, góp phần thực hiện thắng lợi nhiệm \
vụ chính trị của thành phố đã đề ra.
- Biểu dương, khen thưởng những tập thể, cá nhân tiêu biểu, có cách làm mới sáng tạo; kịp thời phát hiện những mô \
hình mới, nhân tố mới; gương người tốt, việc tốt để nhân rộng và lan tỏa trong toàn xã hội.
2. Yêu cầu
- Các tập thể, cá nhân tích cực tham gia phong trào thi đua; thi đua hoàn thành và hoàn thành vượt mức các chỉ \
tiêu, nhiệm vụ, kế hoạch đã đề ra. Các chỉ tiêu thi đua phải bám sát các nhiệm vụ, kế hoạch để thực hiện. Việc phát \
động thi đua phải được thực hiện kịp thời để tạo động lực lôi cuốn mạnh mẽ cả hệ thống chính trị của thành phố, cán \
bộ, đảng viên, công chức, viên chức, đoàn viên, hội viên và các tầng lớp nhân dân thành phố.
- Việc phát động thi đua là nhiệm vụ của mọi cơ quan, địa phương, đơn vị; mọi tập thể đều phải phát động phong trào \
thi đua với nội dung thiết thực, hiệu quả, gắn với các nhiệm vụ cụ thể của từng ngành, cơ quan, địa phương và đơn vị.
- Lựa chọn những tập thể, cá nhân có thành tích thực sự tiêu biểu, xuất sắc để bình xét, khen thưởng vào dịp tổng \
kết cuối năm tại các đơn vị và địa phương."""

# (title, description): section II of the plan, in its order.
CONTENTS: tuple[tuple[str, str], ...] = (
    (
        "Triển khai toàn diện, đồng bộ các giải pháp phòng, chống dịch Covid-19; huy động các nguồn lực xã hội; đề "
        "cao trách nhiệm người đứng đầu",
        "Triển khai toàn diện, đồng bộ các giải pháp mạnh mẽ, quyết liệt, hiệu quả hơn, huy động các nguồn lực xã "
        "hội, động viên, khích lệ mọi người dân tự giác, tích cực tham gia phòng, chống dịch Covid-19 nhằm ngăn "
        "chặn, đẩy lùi, không để dịch lây lan rộng, bùng phát trong cộng đồng; bảo vệ sức khỏe, tính mạng của Nhân "
        "dân. Tích cực tham gia sản xuất, kinh doanh, góp phần phát triển kinh tế, tạo nguồn lực để tập trung phòng, "
        "chống dịch. Đề cao vai trò, trách nhiệm người đứng đầu các sở, ban, ngành, địa phương, đơn vị trong công tác "
        "chỉ đạo, thực hiện các nhiệm vụ để đáp ứng yêu cầu cấp bách của công tác phòng, chống dịch và phát triển "
        "kinh tế - xã hội.",
    ),
    (
        "Chăm sóc sức khỏe Nhân dân, an toàn tại cơ sở y tế; chính sách an sinh xã hội; hỗ trợ người lao động và "
        "người sử dụng lao động gặp khó khăn do dịch Covid-19",
        "Thực hiện tốt hoạt động chăm sóc sức khỏe cho Nhân dân trong tình hình hiện nay; bảo đảm thuận tiện, an toàn "
        "phòng, chống dịch tại các cơ sở y tế để người dân yên tâm khi đến khám và chữa bệnh. Thực hiện tốt các chính "
        "sách an sinh xã hội, chăm lo các gia đình chính sách, hộ gia đình khó khăn. Thực hiện có hiệu quả chính sách "
        "hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do dịch Covid-19 theo chỉ đạo của Chính phủ.",
    ),
    (
        "Hoàn thành nhiệm vụ thu, chi ngân sách; sử dụng tiết kiệm, hiệu quả các nguồn chi; cải thiện môi trường đầu "
        "tư kinh doanh",
        "Quyết tâm phấn đấu hoàn thành nhiệm vụ thu, chi ngân sách, sử dụng tiết kiệm, hiệu quả các nguồn chi; cải "
        "thiện môi trường đầu tư kinh doanh; thúc đẩy các thành phần kinh tế phát triển. Tập trung nguồn lực để thực "
        "hiện công tác phòng, chống, kiểm soát dịch Covid-19 và các nhiệm vụ cấp thiết phát sinh.",
    ),
    (
        "Đầu tư phát triển hạ tầng kinh tế - xã hội nông thôn gắn với đô thị hóa; sớm hoàn thành xây dựng nông thôn "
        "mới kiểu mẫu",
        "Đẩy mạnh đầu tư phát triển hạ tầng kinh tế - xã hội nông thôn, gắn với đô thị hóa, chỉnh trang nâng cấp đô "
        "thị trung tâm các huyện, sớm hoàn thành xây dựng nông thôn mới kiểu mẫu.",
    ),
    (
        "Đẩy nhanh giải ngân đầu tư công; cải cách hành chính; quản lý đất đai, bồi thường giải phóng mặt bằng; đưa "
        "vào sử dụng các dự án trọng điểm",
        "Các ngành, các địa phương tập trung việc tháo gỡ các vướng mắc, để khơi thông nguồn lực, đẩy nhanh tiến độ "
        "giải ngân đầu tư công; đẩy mạnh công tác cải cách hành chính; nâng cao các chỉ số về cải cách hành chính; "
        "quản lý đất đai, bồi thường giải phóng mặt bằng; đẩy nhanh tiến độ thi công, hoàn thiện, phấn đấu đưa vào "
        "sử dụng một số dự án trọng điểm của thành phố.",
    ),
    (
        "Bảo đảm an ninh chính trị, trật tự an toàn xã hội, an toàn giao thông, phòng chống cháy nổ, thiên tai, tìm "
        "kiếm cứu nạn; giải quyết đơn thư khiếu nại, tố cáo",
        "Làm tốt công tác bảo đảm an ninh chính trị, đấu tranh phòng, chống tội phạm, tệ nạn xã hội trong tình hình "
        "mới; chủ động nắm chắc tình hình, không để bị động bất ngờ. Thực hiện tốt công tác bảo đảm trật tự an toàn "
        "giao thông, phòng chống cháy, nổ; sẵn sàng có phương án tham gia phòng, chống thiên tai, tìm kiếm cứu nạn. "
        "Quan tâm làm tốt công tác giải quyết đơn thư khiếu nại, tố cáo, kịp thời giải quyết các vụ việc, vấn đề nổi "
        "cộm Nhân dân quan tâm; tiếp tục rà soát, giải quyết dứt điểm các vụ việc tồn đọng, kéo dài của công dân.",
    ),
)


@dataclass(frozen=True)
class TargetGroupSpec:
    code: str  # prefix of its criteria's codes
    name: str
    unit_kinds: tuple[str, ...]  # UnitKind codes
    criteria: tuple[str, ...]  # the plan's text (III.1), one criterion a sentence or clause


# Section III.1 of the plan: the seven target groups (đối tượng thi đua) and their criteria.
TARGET_GROUPS: tuple[TargetGroupSpec, ...] = (
    TargetGroupSpec(
        "I", "Các sở, ban, ngành, đơn vị", ("department", "agency", "public_service", "hospital", "school"),
        (
            "Thi đua thực hiện tốt, hoàn thành xuất sắc các nhiệm vụ phòng, chống dịch Covid-19 được Ban Chấp hành "
            "Đảng bộ thành phố, Ủy ban nhân dân thành phố giao.",
            "Năng động, sáng tạo, chủ động phân tích, đánh giá, dự báo để có các giải pháp tham mưu kịp thời cho "
            "thành phố.",
            "Phối hợp chặt chẽ với các địa phương, hỗ trợ theo ngành, lĩnh vực được giao để phòng, chống dịch hiệu "
            "quả.",
        ),
    ),
    TargetGroupSpec(
        "II", "Cấp ủy và chính quyền các cấp", ("urban_district", "rural_district", "ward", "commune", "township"),
        (
            "Đề cao trách nhiệm nêu gương, tinh thần sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm; đẩy mạnh "
            "phòng, chống tham nhũng.",
            "Tập trung lãnh đạo, chỉ đạo sát sao, huy động cả hệ thống chính trị vào cuộc, tạo sự đồng thuận trong "
            "Nhân dân; chủ động, sáng tạo, linh hoạt, đồng bộ các biện pháp phòng, chống dịch phù hợp và hiệu quả.",
            'Thực hiện có hiệu quả "Mục tiêu kép" vừa phòng, chống dịch vừa phát triển kinh tế - xã hội, bảo đảm an '
            "sinh xã hội, chăm lo sức khỏe và đời sống Nhân dân.",
        ),
    ),
    TargetGroupSpec(
        "III", "Mặt trận Tổ quốc Việt Nam và các đoàn thể", ("mass_org",),
        (
            "Thi đua đồng hành cùng thành phố và các đơn vị, địa phương vận động đoàn viên, hội viên, Nhân dân phát "
            "huy vai trò chủ động, tích cực tham gia hưởng ứng thực hiện thắng lợi các nhiệm vụ trên tất cả các lĩnh "
            "vực của cơ quan, địa phương và mỗi gia đình.",
        ),
    ),
    TargetGroupSpec(
        "IV", "Các lực lượng chống dịch ở tuyến đầu (cán bộ, nhân viên y tế, quân đội, công an, nhà báo, đội tình "
        "nguyện)", ("hospital", "armed_forces"),
        (
            "Thể hiện ý chí, nhiệt huyết, tận tâm, tận lực với công việc, đồng thời bảo đảm an toàn chống dịch.",
        ),
    ),
    TargetGroupSpec(
        "V", "Các doanh nghiệp, doanh nhân thuộc các thành phần kinh tế", ("enterprise",),
        (
            "Phát huy tinh thần yêu nước, cùng đồng lòng, đoàn kết, thể hiện ý chí, bản lĩnh, trí tuệ, nỗ lực vượt "
            "qua các khó khăn, thách thức.",
            "Vừa duy trì và ổn định sản xuất kinh doanh vừa đồng hành cùng thành phố, sở, ngành, địa phương phòng, "
            "chống dịch Covid-19; chăm lo việc làm, bảo đảm thu nhập và đời sống người lao động.",
        ),
    ),
    TargetGroupSpec(
        "VI", "Các tầng lớp Nhân dân", ("village",),
        (
            "Thi đua chấp hành tốt các quy định của chính quyền về phòng, chống dịch, nhất là những nơi phong tỏa, "
            "cách ly; hành động có trách nhiệm vì bản thân, gia đình, cộng đồng và xã hội.",
        ),
    ),
    TargetGroupSpec(
        "VII", "Các cơ quan truyền thông, báo chí", ("media",),
        (
            "Thi đua thực hiện tốt công tác tuyên truyền, thông tin một cách kịp thời, chính xác, hiệu quả về tình "
            "hình và các biện pháp phòng, chống dịch.",
            "Góp phần tạo niềm tin, tạo đồng thuận xã hội, nâng cao nhận thức và sự chủ động của người dân trong "
            "phòng, chống dịch.",
        ),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class ScoredCriterionSpec:
    code: str
    text: str
    max_points: str  # a Decimal literal
    parent_code: str | None = None
    kind: str = "standard"  # CriterionKind
    source: str = "manual"  # CriterionSource


# The board's scoring table for the clusters and blocs (bảng chấm điểm cụm, khối), common to every target group:
# four top-level criteria worth 100 points together, a bonus and a penalty. Two criteria are computed by the system.
SCORED_CRITERIA: tuple[ScoredCriterionSpec, ...] = (
    ScoredCriterionSpec("1", "Công tác phòng, chống dịch Covid-19", "35"),
    ScoredCriterionSpec("1.1", "Lãnh đạo, chỉ đạo, ban hành kịp thời văn bản triển khai các biện pháp phòng, chống "
                        "dịch theo chỉ đạo của Trung ương và thành phố", "10", "1"),
    ScoredCriterionSpec("1.2", "Tỷ lệ người từ 18 tuổi trở lên được tiêm đủ liều vắc-xin phòng Covid-19 đạt và vượt "
                        "kế hoạch thành phố giao", "10", "1"),
    ScoredCriterionSpec("1.3", "Phát hiện sớm, khoanh vùng, truy vết, xử lý kịp thời ổ dịch; không để dịch lây lan "
                        "rộng trong cộng đồng", "10", "1"),
    ScoredCriterionSpec("1.4", "Huy động nguồn lực xã hội hóa ủng hộ Quỹ phòng, chống dịch Covid-19 và Quỹ vắc-xin",
                        "5", "1"),
    ScoredCriterionSpec("2", "Phát triển kinh tế - xã hội, bảo đảm an sinh xã hội", "35"),
    ScoredCriterionSpec("2.1", "Thu ngân sách nhà nước trên địa bàn đạt và vượt dự toán được giao", "10", "2"),
    ScoredCriterionSpec("2.2", "Tỷ lệ giải ngân vốn đầu tư công; tiến độ giải phóng mặt bằng các dự án trọng điểm",
                        "10", "2"),
    ScoredCriterionSpec("2.3", "Thực hiện chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do "
                        "dịch Covid-19; chăm lo gia đình chính sách, hộ khó khăn", "10", "2"),
    ScoredCriterionSpec("2.4", "Cải cách hành chính; tỷ lệ hồ sơ giải quyết qua dịch vụ công trực tuyến mức độ 3, 4",
                        "5", "2"),
    ScoredCriterionSpec("3", "Bảo đảm an ninh chính trị, trật tự an toàn xã hội", "15"),
    ScoredCriterionSpec("3.1", "Giữ vững an ninh chính trị, trật tự an toàn xã hội; kiềm chế tai nạn giao thông, cháy, "
                        "nổ", "8", "3"),
    ScoredCriterionSpec("3.2", "Giải quyết đơn thư khiếu nại, tố cáo đúng thời hạn; không để phát sinh điểm nóng",
                        "7", "3"),
    ScoredCriterionSpec("4", "Công tác thi đua, khen thưởng", "15"),
    ScoredCriterionSpec("4.1", "Gửi đăng ký thi đua đúng hạn", "3", "4", source="registration_on_time"),
    ScoredCriterionSpec("4.2", "Gửi báo cáo phong trào đúng hạn (tỷ lệ báo cáo gửi đúng hạn trong năm)", "4", "4",
                        source="reports_on_time"),
    ScoredCriterionSpec("4.3", "Phát hiện, bồi dưỡng, nhân rộng mô hình hay, điển hình tiên tiến, gương người tốt "
                        "việc tốt", "5", "4"),
    ScoredCriterionSpec("4.4", "Tuyên truyền, phát động phong trào thi đua tới cơ sở; tổ chức ký giao ước thi đua",
                        "3", "4"),
    ScoredCriterionSpec("5", "Điểm thưởng: có sáng kiến, mô hình mới trong phòng, chống dịch được thành phố công "
                        "nhận, nhân rộng", "5", kind="bonus"),
    ScoredCriterionSpec("6", "Điểm trừ: để xảy ra ổ dịch lây lan trong cộng đồng do chủ quan, lơ là; có cán bộ, công "
                        "chức vi phạm quy định phòng, chống dịch bị xử lý kỷ luật", "5", kind="penalty"),
)  # fmt: skip


@dataclass(frozen=True)
class AwardSpec:
    level: str  # movements AwardLevel
    award_type: str  # award type code; the version in force on AWARDS_IN_FORCE_ON
    quota: int | None
    note: str


AWARDS_IN_FORCE_ON = dt.date(2021, 10, 1)
# Section III.2.a of the plan.
AWARDS: tuple[AwardSpec, ...] = (
    AwardSpec("state", "HCLD3", 3, "Huân chương Lao động, theo hướng dẫn cụ thể của Ban Thi đua - Khen thưởng Trung "
              "ương."),
    AwardSpec("state", "BK_TTG", 10, "Bằng khen của Thủ tướng Chính phủ, theo hướng dẫn cụ thể của Ban Thi đua - Khen "
              "thưởng Trung ương."),
    AwardSpec("province", "BK_TINH", 150, "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố; thưởng các tập thể, cá "
              "nhân có thành tích xuất sắc đột xuất."),
    AwardSpec("grassroots", "GK", None, "Giấy khen của Giám đốc các sở; Giấy khen của Chủ tịch Ủy ban nhân dân các "
              "quận, huyện và tương đương; Giấy khen của Chủ tịch Ủy ban nhân dân các xã, phường, thị trấn."),
)  # fmt: skip


@dataclass(frozen=True)
class MilestoneSpec:
    kind: str  # MilestoneKind
    title: str
    due_date: dt.date
    requires_report: bool = False


MILESTONES: tuple[MilestoneSpec, ...] = (
    MilestoneSpec("plan", "Hạn gửi kế hoạch hưởng ứng phong trào của các sở, ban, ngành, địa phương, đơn vị",
                  dt.date(2021, 10, 20)),
    MilestoneSpec("registration", "Hạn gửi đăng ký thi đua về Ban Thi đua - Khen thưởng (Sở Nội vụ)",
                  dt.date(2021, 10, 25)),
    MilestoneSpec("report", "Hạn gửi báo cáo kết quả thực hiện phong trào năm 2021", dt.date(2021, 12, 10),
                  requires_report=True),
    MilestoneSpec("interim_review", "Sơ kết phong trào thi đua (báo cáo sơ kết gửi trước ngày)",
                  dt.date(2022, 1, 14), requires_report=True),
    MilestoneSpec("final_review", "Tổng kết phong trào thi đua (báo cáo tổng kết gửi trước ngày)",
                  dt.date(2022, 12, 9), requires_report=True),
)  # fmt: skip


# --- How the units answered --------------------------------------------------------------------------------------

# Shares drawn per unit and obligation (a unit keeps its habits: a late unit tends to be late again).
ON_TIME_SHARE = 0.72
LATE_SHARE = 0.16  # the rest never sent
REPORT_MISSING_BONUS = {"report": 0.0, "interim_review": 0.04, "final_review": 0.08}
# Units that always answer on time (the district of the demo accounts, the cluster leader, the co-organiser).
ALWAYS_ON_TIME = ("HP-LC", "HP-NQ", "HP-SYT", "HP-SNV")
APPROVED_SHARE = 0.65  # of the registrations sent; two more are returned (RETURNED below), the rest await review
RETURNED = (
    ("HP-DK", "Danh sách đăng ký cá nhân chưa ghi chức vụ và chưa có chữ ký của Thủ trưởng đơn vị; đề nghị Ủy ban nhân "
              "dân quận bổ sung, gửi lại."),
    ("HP-SDL", "Đăng ký danh hiệu Cờ thi đua của thành phố chưa kèm chỉ tiêu thi đua cụ thể của năm 2021; đề nghị Sở "
               "bổ sung chỉ tiêu và gửi lại đăng ký."),
)  # fmt: skip

# Collective titles pledged by kind of unit (the unit itself); its sub-units pledge the title in SUB_UNIT_PLEDGE.
COLLECTIVE_PLEDGE = {
    "urban_district": "CO_TD_TINH", "rural_district": "CO_TD_TINH", "department": "TTLDXS",
    "mass_org": "CO_TD_TINH", "media": "TTLDXS", "armed_forces": "TTLDXS", "agency": "TTLDXS",
    "enterprise": "CO_TD_TINH",
}  # fmt: skip
SUB_UNIT_PLEDGE = "TTLDTT"
REGISTRATION_NOTE = "Đăng ký thi đua hưởng ứng phong trào “Mục tiêu kép” năm 2021 - 2022."
INDIVIDUAL_PLEDGES = ("CSTDCS", "LDTT")  # a few "Chiến sĩ thi đua cơ sở", the rest "Lao động tiên tiến"

PLAN_TARGETS = {
    "district": """\
1. 100% tổ dân phố, thôn thành lập và duy trì hoạt động của Tổ Covid cộng đồng; không để dịch lây lan rộng trong \
cộng đồng.
2. Tỷ lệ người từ 18 tuổi trở lên được tiêm đủ 2 mũi vắc-xin phòng Covid-19 đạt trên {vaccine}% trước ngày 31/12/2021.
3. Thu ngân sách nhà nước trên địa bàn đạt {budget}% dự toán thành phố giao; giải ngân vốn đầu tư công đạt trên \
{invest}% kế hoạch.
4. Chi trả đầy đủ, kịp thời hỗ trợ cho người lao động, hộ kinh doanh gặp khó khăn do dịch Covid-19 theo Nghị quyết \
số 68/NQ-CP.
5. 100% phường, xã, thị trấn trực thuộc đăng ký thi đua; phát hiện, giới thiệu ít nhất {models} mô hình hay, điển \
hình tiên tiến.""",
    "department": """\
1. Tham mưu kịp thời cho Ủy ban nhân dân thành phố các giải pháp thuộc ngành, lĩnh vực phụ trách để thực hiện \
"Mục tiêu kép".
2. Giải quyết 100% hồ sơ thủ tục hành chính đúng hạn; trên {online}% hồ sơ tiếp nhận qua dịch vụ công trực tuyến \
mức độ 3, 4.
3. 100% cán bộ, công chức, viên chức, người lao động được tiêm đủ liều vắc-xin phòng Covid-19; thực hiện nghiêm \
"5K" tại cơ quan.
4. Phối hợp với các quận, huyện hỗ trợ theo ngành, lĩnh vực được giao; phát hiện, giới thiệu ít nhất {models} mô \
hình hay.""",
    "mass_org": """\
1. Vận động đoàn viên, hội viên và Nhân dân ủng hộ Quỹ phòng, chống dịch Covid-19 và Quỹ vắc-xin; phấn đấu huy \
động trên {fund} triệu đồng.
2. Duy trì {teams} đội hình tình nguyện hỗ trợ các chốt kiểm soát, khu cách ly, điểm tiêm chủng.
3. Chăm lo đoàn viên, hội viên có hoàn cảnh khó khăn do dịch; phát hiện, giới thiệu ít nhất {models} gương người \
tốt, việc tốt.""",
    "enterprise": """\
1. Duy trì sản xuất, kinh doanh an toàn; doanh thu năm 2021 đạt trên {revenue}% kế hoạch.
2. Bảo đảm việc làm, thu nhập cho {workers} người lao động; 100% người lao động được tiêm đủ liều vắc-xin.
3. Thực hiện nghiêm phương án phòng, chống dịch tại doanh nghiệp; không để gián đoạn sản xuất do dịch.""",
    "media": """\
1. Mở chuyên trang, chuyên mục về phòng, chống dịch Covid-19 và phục hồi kinh tế; thực hiện trên {stories} tin, bài, \
phóng sự trong năm.
2. Thông tin kịp thời, chính xác các chỉ đạo của thành phố; phản bác thông tin sai sự thật về dịch bệnh.
3. Phát hiện, tuyên truyền ít nhất {models} mô hình hay, điển hình tiên tiến, gương người tốt, việc tốt.""",
    "other": """\
1. Hoàn thành xuất sắc nhiệm vụ chính trị được giao trong điều kiện dịch Covid-19.
2. 100% cán bộ, chiến sĩ, người lao động thực hiện nghiêm các biện pháp phòng, chống dịch; được tiêm đủ liều \
vắc-xin.
3. Phối hợp chặt chẽ với các sở, ngành, địa phương; phát hiện, giới thiệu ít nhất {models} điển hình tiên tiến.""",
}
PLAN_TEMPLATE_OF_KIND = {
    "urban_district": "district", "rural_district": "district", "department": "department", "mass_org": "mass_org",
    "enterprise": "enterprise", "media": "media",
}  # fmt: skip

REPORT_TEXT = {
    "report": """\
Thực hiện Kế hoạch phát động phong trào thi đua thực hiện thắng lợi "Mục tiêu kép" của Ủy ban nhân dân thành phố, \
{unit} đã ban hành kế hoạch hưởng ứng, tổ chức phát động tới {reach}. Trong năm 2021, đơn vị tập trung chỉ đạo thực \
hiện đồng bộ các biện pháp phòng, chống dịch Covid-19, bảo đảm an toàn cho cán bộ, người lao động và Nhân dân; duy \
trì các hoạt động chuyên môn, sản xuất, kinh doanh. Đơn vị đã phát hiện, giới thiệu {models} mô hình hay, cách làm \
mới. Tồn tại: một số chỉ tiêu chịu ảnh hưởng của đợt dịch tháng 7, tháng 8/2021, cần tiếp tục phấn đấu trong năm \
2022.""",
    "interim_review": """\
Sơ kết phong trào thi đua "Mục tiêu kép" đến tháng 01/2022: {unit} đã hoàn thành {done}/{total} chỉ tiêu đăng ký; \
phong trào được triển khai rộng khắp tới {reach}, tạo khí thế thi đua sôi nổi. Đơn vị đề nghị thành phố khen \
thưởng sơ kết cho các tập thể, cá nhân tiêu biểu, đồng thời tiếp tục thực hiện các chỉ tiêu còn lại trong năm \
2022.""",
    "final_review": """\
Tổng kết phong trào thi đua "Mục tiêu kép" giai đoạn 2021 - 2022: {unit} đã hoàn thành {done}/{total} chỉ tiêu \
đăng ký, trong đó nhiều chỉ tiêu vượt kế hoạch. Công tác phòng, chống dịch được kiểm soát an toàn, linh hoạt, hiệu \
quả; các hoạt động kinh tế - xã hội phục hồi và phát triển. Đơn vị đã khen thưởng theo thẩm quyền {rewarded} tập \
thể, cá nhân và đề nghị thành phố khen thưởng các tập thể, cá nhân có thành tích xuất sắc.""",
}
REPORT_REACH = {
    "district": "100% phường, xã, thị trấn, tổ dân phố, thôn trên địa bàn",
    "department": "các phòng, đơn vị trực thuộc và toàn thể cán bộ, công chức, viên chức",
    "mass_org": "các cấp hội, đoàn cơ sở và đoàn viên, hội viên",
    "enterprise": "các phòng, ban, phân xưởng và toàn thể người lao động",
    "media": "các ban, phòng nghiệp vụ và đội ngũ phóng viên, biên tập viên",
    "other": "các đơn vị trực thuộc và toàn thể cán bộ, chiến sĩ, người lao động",
}

# (label, low, high, unit) of the figures each kind of unit reports; values are drawn between low and high.
REPORT_FIGURES = {
    "district": (
        ("Tỷ lệ người từ 18 tuổi trở lên tiêm đủ 2 mũi vắc-xin", 93, 99, "%"),
        ("Số Tổ Covid cộng đồng duy trì hoạt động", 60, 420, "tổ"),
        ("Kinh phí huy động ủng hộ Quỹ phòng, chống dịch", 800, 6500, "triệu đồng"),
        ("Số người lao động, hộ kinh doanh được hỗ trợ theo Nghị quyết 68/NQ-CP", 300, 4200, "lượt"),
        ("Thu ngân sách so với dự toán", 96, 128, "%"),
    ),
    "department": (
        ("Số văn bản tham mưu Ủy ban nhân dân thành phố về phòng, chống dịch", 8, 60, "văn bản"),
        ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", 97, 100, "%"),
        ("Tỷ lệ hồ sơ tiếp nhận qua dịch vụ công trực tuyến mức độ 3, 4", 35, 92, "%"),
    ),
    "mass_org": (
        ("Kinh phí, hiện vật vận động ủng hộ phòng, chống dịch", 300, 9000, "triệu đồng"),
        ("Số lượt đoàn viên, hội viên tham gia tình nguyện", 400, 12000, "lượt"),
        ("Số suất quà hỗ trợ đoàn viên, hội viên khó khăn do dịch", 200, 6000, "suất"),
    ),
    "enterprise": (
        ("Số lao động được bảo đảm việc làm", 250, 6000, "người"),
        ("Doanh thu năm so với kế hoạch", 88, 118, "%"),
        ("Kinh phí ủng hộ Quỹ phòng, chống dịch và Quỹ vắc-xin", 100, 5000, "triệu đồng"),
    ),
    "media": (
        ("Số tin, bài, phóng sự về phòng, chống dịch và phục hồi kinh tế", 600, 4200, "tin, bài"),
        ("Số chuyên trang, chuyên mục về phong trào thi đua", 2, 12, "chuyên mục"),
        ("Số mô hình, điển hình được giới thiệu", 8, 40, "mô hình"),
    ),
    "other": (
        ("Số lượt cán bộ, chiến sĩ tham gia nhiệm vụ phòng, chống dịch", 200, 8000, "lượt"),
        ("Số ngày công hỗ trợ các khu cách ly, chốt kiểm soát", 150, 5000, "ngày công"),
    ),
}


# --- Quận Lê Chân answers with its own movement -------------------------------------------------------------------

SUB_ISSUER = "HP-LC"
SUB_TITLE = (
    'Phát động phong trào thi đua thực hiện thắng lợi "Mục tiêu kép" phòng, chống dịch Covid-19 và phát triển kinh '
    "tế - xã hội trên địa bàn quận Lê Chân"
)
SUB_LEGAL_BASIS = (
    'Kế hoạch phát động phong trào thi đua thực hiện thắng lợi "Mục tiêu kép" phòng, chống dịch Covid-19 và phát '
    "triển kinh tế - xã hội của Ủy ban nhân dân thành phố Hải Phòng (năm 2021)."
)
SUB_AUTHORITY = "ct_ubnd_huyen"  # Chủ tịch Ủy ban nhân dân quận Lê Chân
SUB_PERIOD = (dt.date(2021, 10, 15), dt.date(2022, 12, 31))
SUB_LAUNCHED_ON = dt.datetime(2021, 10, 18, 14, 0, tzinfo=VN)
SUB_SCOPE_KINDS = ("ward",)  # the 15 phường of the quận
SUB_CONTENTS: tuple[tuple[str, str], ...] = (
    ("Duy trì hoạt động hiệu quả của Tổ Covid cộng đồng ở 100% tổ dân phố",
     "Giám sát người từ vùng dịch về, người cách ly tại nhà; hướng dẫn khai báo y tế bằng mã QR; không để lây nhiễm "
     "thứ phát trong cộng đồng."),
    ("Chăm lo đời sống Nhân dân, hỗ trợ người lao động, hộ kinh doanh gặp khó khăn do dịch",
     "Rà soát, chi trả hỗ trợ đúng đối tượng, kịp thời; vận động các mô hình “ATM gạo”, “Siêu thị 0 đồng”."),
    ("Đẩy nhanh giải phóng mặt bằng các dự án trọng điểm trên địa bàn quận",
     "Tập trung bàn giao mặt bằng tuyến đường Hồ Sen - Cầu Rào 2 và các dự án chỉnh trang đô thị."),
    ("Giữ vững an ninh chính trị, trật tự an toàn xã hội; giải quyết kịp thời đơn thư của công dân", ""),
)  # fmt: skip
SUB_MILESTONES: tuple[MilestoneSpec, ...] = (
    MilestoneSpec("registration", "Hạn các phường gửi kế hoạch và đăng ký thi đua về Ủy ban nhân dân quận (qua Phòng "
                  "Nội vụ)", dt.date(2021, 11, 5)),
    MilestoneSpec("report", "Hạn các phường gửi báo cáo kết quả phong trào năm 2021", dt.date(2021, 12, 3),
                  requires_report=True),
)  # fmt: skip
SUB_AWARDS: tuple[AwardSpec, ...] = (
    AwardSpec("grassroots", "GK", 60, "Giấy khen của Chủ tịch Ủy ban nhân dân quận Lê Chân."),
)
SUB_ON_TIME_SHARE = 0.7
SUB_LATE_SHARE = 0.15
SUB_WARD_PLEDGE = "TTLDTT"  # Tập thể lao động tiên tiến, granted by the Chairman of the district
SUB_GROUP_PLEDGE = "THON_VAN_HOA"  # for the wards' tổ dân phố
SUB_PLAN_TARGETS = """\
1. 100% tổ dân phố duy trì Tổ Covid cộng đồng; không để xảy ra lây nhiễm thứ phát trong cộng đồng.
2. Tỷ lệ người từ 18 tuổi trở lên tiêm đủ 2 mũi vắc-xin đạt trên {vaccine}%.
3. Chi trả 100% hỗ trợ theo Nghị quyết 68/NQ-CP đúng đối tượng; vận động {fund} triệu đồng ủng hộ Quỹ phòng, chống \
dịch của phường."""
SUB_REPORT_TEXT = """\
Năm 2021, {unit} đã kiện toàn {teams} Tổ Covid cộng đồng ở các tổ dân phố, giám sát chặt chẽ người cách ly tại nhà; \
tỷ lệ tiêm đủ 2 mũi vắc-xin đạt {vaccine}%. Phường vận động được {fund} triệu đồng ủng hộ Quỹ phòng, chống dịch, hỗ \
trợ kịp thời các hộ khó khăn."""


# --- Exemplary models (mô hình hay, điển hình tiên tiến, gương người tốt việc tốt) ----------------------------------


@dataclass(frozen=True)
class ExemplarySpec:
    kind: str  # ExemplaryKind
    title: str
    story: str
    proposer: str  # unit code of the proposing unit
    content: int  # position of the movement content (1–6)
    submitted_on: dt.date
    subject_unit: str = ""  # a unit of the tree …
    subject_staff_of: str = ""  # … or a person drawn from that unit's current staff (of that position, gender) …
    subject_position: str = ""
    subject_gender: str = ""
    subject_person: str = ""  # … or a named person of the demo …
    subject_name: str = ""  # … or a name only
    state: str = "submitted"  # ExemplaryState
    note: str = ""
    publish: bool = False
    nominate: str = ""  # award type code: the model becomes a draft dossier entry


GOOD_MODEL, ADVANCED, GOOD_DEED = "good_model", "advanced_example", "good_deed"
ACCEPTED, NEEDS_MORE, DECLINED = "accepted", "needs_more", "declined"

EXEMPLARY_MODELS: tuple[ExemplarySpec, ...] = (
    ExemplarySpec(
        GOOD_MODEL, "Tổ Covid cộng đồng tổ dân phố số 3 phường An Biên",
        "Từ tháng 8/2021, Tổ Covid cộng đồng gồm 9 thành viên (tổ trưởng tổ dân phố, y tế, công an khu vực, đoàn viên "
        "thanh niên, hội viên phụ nữ) chia nhau theo dõi 214 hộ dân, lập danh sách người từ vùng dịch về, giám sát 37 "
        "trường hợp cách ly tại nhà, đi chợ hộ và hướng dẫn khai báo y tế bằng mã QR. Nhờ phát hiện sớm, tổ dân phố "
        "không để xảy ra lây nhiễm thứ phát; mô hình được Ủy ban nhân dân quận chỉ đạo nhân rộng ra các phường.",
        "HP-LC", 1, dt.date(2021, 10, 28), subject_unit="HP-LC-AB-TDP3", state=ACCEPTED, publish=True,
        note="Mô hình hiệu quả, dễ nhân rộng.",
    ),
    ExemplarySpec(
        GOOD_MODEL, "“ATM gạo” nghĩa tình phường Vĩnh Niệm",
        "Máy phát gạo tự động đặt tại trụ sở tổ dân phố số 1 hoạt động từ tháng 9/2021, mỗi ngày phát 1,5 tấn gạo cho "
        "người lao động tự do, người bán hàng rong mất thu nhập do giãn cách. Gạo do các doanh nghiệp, nhà hảo tâm "
        "trên địa bàn ủng hộ; Hội Liên hiệp Phụ nữ phường tổ chức phát theo phiếu để bảo đảm giãn cách.",
        "HP-LC", 2, dt.date(2021, 11, 2), subject_unit="HP-LC-VN", state=ACCEPTED, publish=True,
    ),
    ExemplarySpec(
        GOOD_MODEL, "“Siêu thị 0 đồng” của tổ chức Công đoàn cho công nhân mất việc",
        "Liên đoàn Lao động thành phố phối hợp các công đoàn khu công nghiệp mở 6 điểm “Siêu thị 0 đồng” tại các khu "
        "nhà trọ công nhân ở An Dương, Thủy Nguyên, Hải An. Mỗi công nhân bị ngừng việc, tạm hoãn hợp đồng do dịch "
        "được nhận miễn phí nhu yếu phẩm trị giá 300.000 đồng mỗi tuần trong thời gian giãn cách.",
        "HP-LDLD", 2, dt.date(2021, 11, 10), subject_unit="HP-LDLD", state=ACCEPTED, publish=True,
    ),
    ExemplarySpec(
        ADVANCED, "Bác sĩ Phạm Thị Huyền – người ở lại nơi tâm dịch",
        "Bác sĩ Phạm Thị Huyền, Trung tâm Kiểm soát bệnh tật thành phố, trực tiếp điều tra dịch tễ, truy vết và lấy "
        "mẫu xét nghiệm tại các ổ dịch trong đợt dịch tháng 7, tháng 8/2021, nhiều tuần liền không về nhà. Chị mất "
        "ngày 19/8/2021 khi đang làm nhiệm vụ. Sở Y tế giới thiệu tấm gương của chị để tuyên truyền, học tập.",
        "HP-SYT", 1, dt.date(2021, 10, 22), subject_person="Phạm Thị Huyền", state=ACCEPTED, publish=True,
        note="Tấm gương hy sinh quên mình; đề nghị các cơ quan báo chí tuyên truyền rộng rãi.",
    ),
    ExemplarySpec(
        ADVANCED, "Kíp xét nghiệm xuyên đêm của Trung tâm Kiểm soát bệnh tật thành phố",
        "Trong cao điểm dịch, phòng xét nghiệm của Trung tâm vận hành 3 ca liên tục, mỗi ngày xét nghiệm RT-PCR hơn "
        "8.000 mẫu gộp, trả kết quả trong 12 giờ, giúp thành phố khoanh vùng, dập dịch nhanh và mở lại các hoạt động "
        "kinh tế sớm.",
        "HP-SYT", 1, dt.date(2021, 10, 22), subject_unit="HP-SYT-CDC", state=ACCEPTED, publish=True,
        nominate="BK_TINH",
    ),
    ExemplarySpec(
        ADVANCED, "Đoàn y, bác sĩ Bệnh viện Hữu nghị Việt Tiệp chi viện Thành phố Hồ Chí Minh",
        "Tháng 8/2021, 52 y, bác sĩ của Bệnh viện tình nguyện lên đường chi viện Thành phố Hồ Chí Minh, tiếp nhận "
        "điều trị bệnh nhân Covid-19 nặng tại bệnh viện hồi sức; sau 2 tháng, đoàn đã điều trị khỏi cho hơn 1.100 "
        "bệnh nhân.",
        "HP-SYT", 1, dt.date(2021, 11, 5), subject_unit="HP-SYT-BVVT", state=ACCEPTED, publish=True,
    ),
    ExemplarySpec(
        GOOD_DEED, "Điều dưỡng tình nguyện vào Bình Dương chống dịch",
        "Không ngại nguy hiểm, chị xung phong tham gia đoàn công tác của Sở Y tế hỗ trợ tỉnh Bình Dương, đảm nhiệm "
        "chăm sóc bệnh nhân tại khu điều trị tập trung suốt 45 ngày; trở về, chị tiếp tục trực tại khu cách ly của "
        "bệnh viện.",
        "HP-SYT", 1, dt.date(2021, 11, 5), subject_staff_of="HP-SYT-BVKA", subject_position="Điều dưỡng",
        subject_gender="F", state=ACCEPTED, nominate="BK_TINH",
    ),
    ExemplarySpec(
        GOOD_MODEL, "“3 tại chỗ” giữ nhịp sản xuất ở doanh nghiệp khu công nghiệp Tràng Duệ",
        "Công ty bố trí khu lưu trú tạm cho hơn 3.000 công nhân, tổ chức xét nghiệm định kỳ và phân luồng sản xuất "
        "theo “vùng xanh”, nhờ đó duy trì sản xuất liên tục trong thời gian giãn cách, bảo đảm các đơn hàng xuất khẩu "
        "và thu nhập cho người lao động.",
        "HP-BQLKKT", 3, dt.date(2021, 11, 12), subject_unit="HP-DN-LG", state=ACCEPTED, publish=True,
    ),
    ExemplarySpec(
        GOOD_MODEL, "Cảng Hải Phòng giữ thông suốt chuỗi cung ứng mùa dịch",
        "Cảng áp dụng “luồng xanh” cho phương tiện chở hàng, làm thủ tục giao nhận điện tử, bố trí công nhân làm việc "
        "theo ca khép kín; sản lượng hàng hóa qua cảng năm 2021 vẫn tăng so với năm trước.",
        "HP-SGTVT", 3, dt.date(2021, 12, 1), subject_unit="HP-DN-CHP", state=ACCEPTED,
    ),
    ExemplarySpec(
        GOOD_MODEL, "Bếp ăn “0 đồng” tiếp sức các chốt kiểm soát dịch",
        "Các cấp hội phụ nữ tổ chức nấu và mang suất ăn miễn phí tới lực lượng trực tại các chốt kiểm soát cửa ngõ "
        "thành phố và các khu cách ly tập trung.",
        "HP-HLHPN", 2, dt.date(2021, 11, 15), subject_unit="HP-HLHPN", state=NEEDS_MORE,
        note="Đề nghị bổ sung số suất ăn, thời gian duy trì, các chốt được hỗ trợ và ảnh hoạt động của bếp ăn.",
    ),
    ExemplarySpec(
        GOOD_DEED, "Thanh niên tình nguyện trực chốt kiểm soát dịch cửa ngõ Quán Toan",
        "Hơn 300 đoàn viên thanh niên luân phiên trực cùng lực lượng công an, y tế tại chốt kiểm soát Quán Toan suốt "
        "các đợt giãn cách, hướng dẫn khai báo y tế cho hàng nghìn lượt phương tiện mỗi ngày.",
        "HP-TD", 1, dt.date(2021, 10, 30), subject_unit="HP-TD", state=ACCEPTED, publish=True,
    ),
    ExemplarySpec(
        GOOD_MODEL, "Hội Nông dân kết nối tiêu thụ nông sản cho vùng bị phong tỏa",
        "Hội Nông dân thành phố lập các nhóm kết nối trực tuyến, tiêu thụ hơn 400 tấn rau, củ, quả, thủy sản cho nông "
        "dân các xã bị phong tỏa ở Vĩnh Bảo, Tiên Lãng, giúp bà con không bị ép giá.",
        "HP-HND", 3, dt.date(2021, 12, 6), subject_unit="HP-HND",
    ),
    ExemplarySpec(
        ADVANCED, "Chiến sĩ công an trực chốt kiểm soát dịch 90 ngày liên tục",
        "Trong các đợt giãn cách, đồng chí luôn có mặt tại chốt kiểm soát dịch ở cửa ngõ thành phố, kiên trì hướng "
        "dẫn, kiểm tra hàng chục nghìn lượt phương tiện, phát hiện nhiều trường hợp khai báo y tế gian dối.",
        "HP-CA", 6, dt.date(2021, 11, 18), subject_staff_of="HP-CA", subject_position="Chiến sĩ", state=ACCEPTED,
    ),
    ExemplarySpec(
        GOOD_DEED, "Cựu chiến binh hiến đất mở đường nông thôn mới",
        "Ông tự nguyện hiến 320 m² đất vườn và vận động 14 hộ liền kề cùng hiến đất để mở rộng đường liên thôn theo "
        "tiêu chí nông thôn mới kiểu mẫu.",
        "HP-HCCB", 4, dt.date(2022, 3, 8),
        subject_name="Ông Nguyễn Văn Sinh, hội viên Hội Cựu chiến binh xã Cổ Am, huyện Vĩnh Bảo",
    ),
    ExemplarySpec(
        GOOD_MODEL, "Khu dân cư nông thôn mới kiểu mẫu ở xã Kiền Bái",
        "Người dân cùng chính quyền xã chỉnh trang đường làng, lắp đèn chiếu sáng, trồng hoa và phân loại rác tại "
        "nguồn; các thôn đạt chuẩn khu dân cư nông thôn mới kiểu mẫu.",
        "HP-TN", 4, dt.date(2022, 1, 10), subject_unit="HP-TN-KB", state=ACCEPTED,
    ),
    ExemplarySpec(
        GOOD_MODEL, "Giải quyết thủ tục hành chính trực tuyến trong thời gian giãn cách",
        "Bộ phận một cửa của quận hướng dẫn người dân nộp hồ sơ qua dịch vụ công trực tuyến mức độ 3, 4 và nhận kết "
        "quả qua bưu điện; tỷ lệ hồ sơ trực tuyến tăng từ 12% lên 64% trong quý IV/2021.",
        "HP-KA", 5, dt.date(2021, 12, 20), subject_unit="HP-KA", state=ACCEPTED,
    ),
    ExemplarySpec(
        GOOD_MODEL, "Vận động người dân bàn giao mặt bằng tuyến đường Hồ Sen - Cầu Rào 2",
        "Ủy ban nhân dân phường phối hợp Mặt trận, các đoàn thể đến từng hộ đối thoại, giải thích chính sách bồi "
        "thường; các hộ dân đã bàn giao mặt bằng đúng tiến độ.",
        "HP-LC", 5, dt.date(2021, 12, 14), subject_unit="HP-LC-DHK", state=NEEDS_MORE,
        note="Đề nghị bổ sung số hộ đã bàn giao, diện tích mặt bằng và xác nhận của Ban Quản lý dự án.",
    ),
    ExemplarySpec(
        GOOD_DEED, "Anh xe ôm đưa đón miễn phí nhân viên y tế",
        "Suốt 2 tháng giãn cách, anh dùng xe máy của mình đưa đón miễn phí các y, bác sĩ trực đêm tại Bệnh viện Hữu "
        "nghị Việt Tiệp về nhà và mang cơm tới các chốt kiểm soát.",
        "HP-BHP", 2, dt.date(2021, 10, 26), subject_name="Anh Trần Văn Tú, phường Lạch Tray, quận Ngô Quyền",
        state=ACCEPTED, publish=True,
    ),
    ExemplarySpec(
        GOOD_DEED, "Cụ bà 85 tuổi góp tiền tiết kiệm ủng hộ Quỹ vắc-xin",
        "Cụ mang 20 triệu đồng tiền tiết kiệm nhiều năm đến Ủy ban Mặt trận Tổ quốc phường ủng hộ Quỹ vắc-xin phòng "
        "Covid-19, với mong muốn con cháu sớm được tiêm vắc-xin.",
        "HP-BHP", 1, dt.date(2021, 11, 3), subject_name="Cụ Đỗ Thị Lành, phường Cát Dài, quận Lê Chân",
        state=ACCEPTED, publish=True,
    ),
    ExemplarySpec(
        GOOD_MODEL, "Phiếu đi chợ luân phiên ở phường Cát Bi",
        "Phường phát phiếu đi chợ theo ngày chẵn, lẻ cho từng hộ, mỗi hộ một người đi chợ 3 ngày một lần, giảm tập "
        "trung đông người tại chợ trong thời gian giãn cách.",
        "HP-BHP", 1, dt.date(2021, 11, 22), subject_unit="HP-HA-CB", state=NEEDS_MORE,
        note="Đề nghị bổ sung xác nhận của Ủy ban nhân dân phường Cát Bi và kết quả thực hiện.",
    ),
    ExemplarySpec(
        ADVANCED, "Nhóm phóng viên bám chốt, bám khu cách ly đưa tin phòng, chống dịch",
        "Nhóm phóng viên Ban Thời sự thực hiện hơn 200 tin, bài, phóng sự từ các chốt kiểm soát, khu cách ly, bệnh "
        "viện điều trị Covid-19, kịp thời phản ánh những cách làm hay và những nơi còn lơ là.",
        "HP-BHP", 1, dt.date(2022, 1, 6), subject_name="Nhóm phóng viên Ban Thời sự, Báo Hải Phòng",
    ),
    ExemplarySpec(
        GOOD_MODEL, "Dạy học trực tuyến không để học sinh nào bị bỏ lại",
        "Nhà trường lập tổ hỗ trợ kỹ thuật, vận động cựu học sinh tặng 120 máy tính bảng cho học sinh khó khăn, duy "
        "trì dạy học trực tuyến đủ chương trình trong thời gian học sinh không đến trường.",
        "HP-SGDDT", 2, dt.date(2021, 12, 2), subject_unit="HP-SGDDT-CTP", state=ACCEPTED,
    ),
    ExemplarySpec(
        GOOD_MODEL, "Chi trả hỗ trợ theo Nghị quyết 68/NQ-CP trong 3 ngày làm việc",
        "Sở rút ngắn quy trình thẩm định, phối hợp Bảo hiểm xã hội và các quận, huyện chi trả tiền hỗ trợ cho người "
        "lao động, hộ kinh doanh trong 3 ngày làm việc kể từ khi nhận đủ hồ sơ.",
        "HP-SLDTBXH", 2, dt.date(2021, 11, 25), subject_unit="HP-SLDTBXH", state=ACCEPTED,
    ),
    ExemplarySpec(
        GOOD_DEED, "Doanh nghiệp tặng 5.000 túi an sinh cho người dân vùng phong tỏa",
        "Công ty trích quỹ phúc lợi tặng 5.000 túi nhu yếu phẩm cho người dân các khu vực bị phong tỏa.",
        "HP-DN-NTP", 2, dt.date(2021, 12, 8), subject_unit="HP-DN-NTP", state=DECLINED,
        note="Thành tích đã được khen thưởng đột xuất bằng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố; không xem "
        "xét trùng.",
    ),
    ExemplarySpec(
        GOOD_MODEL, "Kiểm soát tàu cá ra vào cửa biển trong mùa dịch",
        "Các đồn biên phòng lập danh sách thuyền viên, kiểm tra khai báo y tế từng tàu cá cập bến, phối hợp y tế xét "
        "nghiệm cho ngư dân từ vùng dịch về, không để dịch xâm nhập qua đường biển.",
        "HP-BDBP", 6, dt.date(2021, 11, 29), subject_unit="HP-BDBP", state=ACCEPTED,
    ),
    ExemplarySpec(
        GOOD_MODEL, "Khu cách ly tập trung do quân đội quản lý",
        "Bộ Chỉ huy Quân sự thành phố vận hành các khu cách ly tập trung, tiếp nhận, chăm sóc hàng nghìn công dân từ "
        "các tỉnh phía Nam trở về an toàn, không có lây nhiễm chéo.",
        "HP-BCHQS", 1, dt.date(2021, 10, 29), subject_unit="HP-BCHQS", state=ACCEPTED, publish=True,
        nominate="BK_TINH",
    ),
    ExemplarySpec(
        GOOD_DEED, "Chủ khách sạn cho mượn cơ sở làm khu cách ly",
        "Bà cho thành phố mượn miễn phí khách sạn 40 phòng làm khu cách ly tập trung trong 3 tháng.",
        "HP-DS", 1, dt.date(2021, 12, 16), subject_name="Bà Vũ Thị Mai, chủ khách sạn ở phường Vạn Hương, quận Đồ Sơn",
        state=NEEDS_MORE,
        note="Đề nghị bổ sung xác nhận của cơ quan quản lý khu cách ly về thời gian và số người cách ly.",
    ),
    ExemplarySpec(
        GOOD_MODEL, "Thông quan điện tử 24/7 cho hàng hóa xuất nhập khẩu",
        "Cục Hải quan bố trí công chức trực 24/7, giải quyết thủ tục hoàn toàn trên hệ thống điện tử, giảm tiếp xúc "
        "trực tiếp, rút ngắn thời gian thông quan cho doanh nghiệp.",
        "HP-HQ", 3, dt.date(2022, 1, 12), subject_unit="HP-HQ",
    ),
    ExemplarySpec(
        ADVANCED, "Gia hạn, miễn giảm thuế kịp thời cho doanh nghiệp gặp khó khăn",
        "Cục Thuế triển khai các chính sách gia hạn, miễn, giảm thuế cho doanh nghiệp, hộ kinh doanh bị ảnh hưởng bởi "
        "dịch Covid-19.",
        "HP-CT", 3, dt.date(2021, 12, 22), subject_unit="HP-CT", state=DECLINED,
        note="Nội dung là nhiệm vụ chuyên môn thường xuyên, chưa thể hiện cách làm mới; đề nghị đơn vị xem xét khen "
        "thưởng theo thẩm quyền.",
    ),
    ExemplarySpec(
        GOOD_DEED, "Cậu học trò đập heo đất ủng hộ chống dịch",
        "Em mang toàn bộ số tiền tiết kiệm trong heo đất (2,3 triệu đồng) tới Ủy ban nhân dân phường ủng hộ các chú bộ "
        "đội, công an trực chốt và người dân khu cách ly.",
        "HP-LC", 1, dt.date(2021, 11, 8),
        subject_name="Em Phạm Minh Khôi, học sinh lớp 5, Trường Tiểu học Vĩnh Niệm", state=ACCEPTED, publish=True,
    ),
    ExemplarySpec(
        GOOD_MODEL, "Bảo đảm cấp điện an toàn cho các bệnh viện và khu cách ly",
        "Công ty lập các tổ trực 24/24 giờ, cấp điện ưu tiên cho bệnh viện dã chiến, khu cách ly và điểm tiêm chủng, "
        "không để xảy ra sự cố mất điện trong suốt các đợt dịch.",
        "HP-DN-DLHP", 3, dt.date(2022, 1, 18), subject_unit="HP-DN-DLHP",
    ),
    ExemplarySpec(
        GOOD_MODEL, "Camera giám sát người cách ly tại nhà",
        "Thị trấn lắp camera trước cửa nhà các hộ có người cách ly tại nhà, kết nối về trụ sở Ủy ban nhân dân để giám "
        "sát.",
        "HP-TN", 1, dt.date(2021, 12, 27), subject_unit="HP-TN-MD", state=DECLINED,
        note="Mô hình trùng với mô hình đã được công nhận của huyện; đề nghị không gửi trùng.",
    ),
    ExemplarySpec(
        GOOD_MODEL, "Điểm tiêm chủng lưu động cho người cao tuổi, người khuyết tật",
        "Phường phối hợp Trung tâm Y tế quận đưa đội tiêm chủng tới tận nhà người cao tuổi, người khuyết tật không "
        "thể đến điểm tiêm, bảo đảm không ai bị bỏ lại.",
        "HP-NQ", 2, dt.date(2021, 12, 9), subject_unit="HP-NQ-LV", state=ACCEPTED, publish=True,
    ),
)  # fmt: skip

REVIEW_DELAY_DAYS = (6, 25)  # the board reviews a model this many days after it came in


# --- The cluster of quận: covenant and 2021 score sheet ------------------------------------------------------------

CLUSTER = "hp-cum-cac-quan"
CLUSTER_YEAR = 2021
COVENANT_TITLE = "Giao ước thi đua năm 2021 của Cụm thi đua các quận"
COVENANT_TEXT = """\
Thực hiện Kế hoạch phát động phong trào thi đua thực hiện thắng lợi "Mục tiêu kép" phòng, chống dịch Covid-19 và \
phát triển kinh tế - xã hội của Ủy ban nhân dân thành phố, các quận trong Cụm thi đua thống nhất ký kết giao ước thi \
đua năm 2021 với các nội dung sau:
1. Thực hiện nghiêm, hiệu quả các biện pháp phòng, chống dịch Covid-19; không để dịch lây lan rộng trong cộng đồng; \
hoàn thành tiêm vắc-xin cho người từ 18 tuổi trở lên theo kế hoạch thành phố giao.
2. Phấn đấu hoàn thành và vượt các chỉ tiêu kinh tế - xã hội năm 2021; thu ngân sách đạt và vượt dự toán; đẩy nhanh \
giải ngân vốn đầu tư công và giải phóng mặt bằng các dự án trọng điểm.
3. Thực hiện đầy đủ, kịp thời chính sách hỗ trợ người lao động, người sử dụng lao động gặp khó khăn do dịch.
4. Giữ vững an ninh chính trị, trật tự an toàn xã hội; giải quyết kịp thời đơn thư của công dân.
5. Gửi kế hoạch, đăng ký thi đua, báo cáo đúng thời hạn; phát hiện, nhân rộng mô hình hay, điển hình tiên tiến.
Các quận cam kết thực hiện tốt các nội dung giao ước; cuối năm tổ chức tự chấm điểm, chấm chéo theo bảng tiêu chí \
của thành phố để bình xét, suy tôn đơn vị dẫn đầu Cụm."""
COVENANT_SIGNED_ON = dt.datetime(2021, 11, 12, 10, 0, tzinfo=VN)
SHEET_FLAG = "CO_TD_TINH"  # Cờ thi đua của thành phố for the leading quận
SHEET_CERTIFICATE = "BK_TINH"  # Bằng khen of the Chairman for the next two
SHEET_FLAG_COUNT = 1
SHEET_CERTIFICATE_COUNT = 2
SCORING_OPENED_ON = dt.datetime(2021, 12, 20, 8, 0, tzinfo=VN)
SELF_SCORED_ON = dt.datetime(2021, 12, 28, 16, 0, tzinfo=VN)
CROSS_SCORED_ON = dt.datetime(2022, 1, 6, 16, 0, tzinfo=VN)
SHEET_PUBLISHED_ON = dt.datetime(2022, 1, 10, 9, 0, tzinfo=VN)
SHEET_LOCKED_ON = dt.datetime(2022, 1, 17, 9, 0, tzinfo=VN)
# How strong each quận's year was (share of each maximum it earns, before noise): the ranking the demo tells.
SCORE_LEVEL = {
    "HP-LC": 0.95, "HP-NQ": 0.93, "HP-HB": 0.9, "HP-HA": 0.88, "HP-KA": 0.86, "HP-DK": 0.83, "HP-DS": 0.8,
}  # fmt: skip
BONUS_POINTS = {"HP-LC": "3", "HP-NQ": "2", "HP-HA": "1"}
PENALTY_POINTS = {"HP-DS": "2", "HP-KA": "1"}
SELF_EVIDENCE = "Báo cáo kết quả thực hiện phong trào năm 2021 và các văn bản chỉ đạo của {unit}."
CROSS_EVIDENCE = "Đối chiếu báo cáo của {unit} và số liệu của các sở, ngành."
