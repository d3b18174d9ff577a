"""TCVN3 (ABC) and VNI text, as Excel and CSV files hand it over (read as Windows-1252), converted to Unicode NFC.

The legacy samples are made with the module's own inverse map (``from_unicode``), and a few are the well-known
forms every Vietnamese office has seen ("§¶ng Céng s¶n ViÖt Nam", "Ñaø Naüng"), written out by hand.
"""

import unicodedata

import pytest

from thidua.core.legacy_text import (
    TCVN3,
    VNI,
    convert,
    could_be_legacy,
    detect,
    detect_many,
    from_unicode,
    to_unicode,
)

# Every letter of the alphabet and every tone on every vowel, in real sentences.
SENTENCES = [
    "Nguyễn Văn Hùng được tặng Bằng khen của Chủ tịch UBND thành phố",
    "Đảng Cộng sản Việt Nam lãnh đạo phong trào thi đua yêu nước",
    "Trường Tiểu học Ngô Quyền đạt danh hiệu Tập thể lao động xuất sắc năm học này",
    "Huân chương Lao động hạng Ba cho tập thể Bệnh viện Hữu nghị Việt Tiệp",
    "Bà mẹ Việt Nam anh hùng ở khuỷu sông quê hương vẫn giữ nếp cũ",
    "Chiến sĩ thi đua cơ sở phải có sáng kiến được công nhận và áp dụng hiệu quả",
    "Sương sớm phủ kín ruộng lúa, gió thổi nhẹ, mẹ bảo: “Đừng vội, ngõ nhỏ quanh co lắm”",
    "Ông ấy quyết định ở lại, chuyện ngoằn ngoèo thế nào cũng kể rõ ràng từng ý",
    "Tỷ lệ người dân tộc thiểu số, phụ nữ và người lao động trực tiếp được khen thưởng tăng",
    "Ỷ lại, ẵm bồng, đẫm lệ, nghĩ suy, ngẫm nghĩ, gỗ mỡ, giữ gìn, mỹ lệ, ngoại ô, lụy tình, lý lẽ",
    "Thành phố Hồ Chí Minh, Đà Nẵng, Cần Thơ, Hải Phòng, Quảng Ninh, Thừa Thiên Huế, Bạc Liêu",
    "Ăn quả nhớ kẻ trồng cây, uống nước nhớ nguồn, Ơn nghĩa, Ước mơ, Điện Biên",
]
# Capitals with a tone inside a sentence: VNI has them, TCVN3 (ABC) stores them as small letters.
CAPITALS_INSIDE = "Quê ở Ấp Bắc, Ủy ban xã Ổn Định, đi Ấn Độ"

ALL_CAPS = "ĐẢNG BỘ KHỐI CƠ QUAN, TRƯỜNG THPT NGÔ QUYỀN, HUẬN CHƯƠNG ĐỘC LẬP HẠNG NHẤT, ỦY BAN, ỸỴỶỲÝ"


def _every_vietnamese_letter() -> str:
    """Each vowel in each of the six tones, small and capital, and đ/Đ."""
    tones = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
    vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    letters = [unicodedata.normalize("NFC", vowel + tone) for vowel in vowels for tone in tones]
    return " ".join([*letters, "đ"])


@pytest.mark.parametrize("sentence", SENTENCES)
def test_vni_sentence_round_trips_to_the_same_unicode(sentence):
    assert to_unicode(from_unicode(sentence, VNI), VNI) == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tcvn3_sentence_round_trips_to_the_same_unicode(sentence):
    assert to_unicode(from_unicode(sentence, TCVN3), TCVN3) == sentence


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_every_letter_with_every_tone_round_trips(encoding):
    letters = _every_vietnamese_letter()
    assert to_unicode(from_unicode(letters, encoding), encoding) == letters


def test_vni_every_capital_letter_with_every_tone_round_trips():
    capitals = _every_vietnamese_letter().upper()
    assert to_unicode(from_unicode(capitals, VNI), VNI) == capitals


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_text_in_capitals_round_trips(encoding):
    assert to_unicode(from_unicode(ALL_CAPS, encoding), encoding) == ALL_CAPS


def test_vni_keeps_toned_capitals_inside_a_sentence():
    assert to_unicode(from_unicode(CAPITALS_INSIDE, VNI), VNI) == CAPITALS_INSIDE


def test_tcvn3_toned_capitals_inside_a_sentence_come_back_small():
    assert to_unicode(from_unicode(CAPITALS_INSIDE, TCVN3), TCVN3) == "Quê ở ấp Bắc, ủy ban xã ổn Định, đi ấn Độ"


def test_result_is_nfc():
    converted = to_unicode("Nguyeãn Thò Ngoïc AÙnh", VNI)
    assert converted == "Nguyễn Thị Ngọc Ánh"
    assert unicodedata.is_normalized("NFC", converted)


def test_tcvn3_known_office_text_converts():
    assert to_unicode("§¶ng Céng s¶n ViÖt Nam", TCVN3) == "Đảng Cộng sản Việt Nam"
    assert to_unicode("Thµnh phè Hå ChÝ Minh", TCVN3) == "Thành phố Hồ Chí Minh"
    assert to_unicode("Hu©n ch\xad¬ng Lao ®éng h¹ng Ba", TCVN3) == "Huân chương Lao động hạng Ba"


def test_vni_known_office_text_converts():
    assert to_unicode("Ñaø Naüng", VNI) == "Đà Nẵng"
    assert to_unicode("Tröôøng Tieåu hoïc ñöôïc taëng Baèng khen", VNI) == "Trường Tiểu học được tặng Bằng khen"
    assert to_unicode("lòch söû, baùc só chæ ít", VNI) == "lịch sử, bác sĩ chỉ ít"


def test_tcvn3_capital_with_tone_in_a_name_gets_its_capital_back():
    # ".VnTimeH" capitals share the small letters' bytes: "¸nh" is "ánh", a name's words start with a capital.
    assert to_unicode("Lª ThÞ ¸nh", TCVN3) == "Lê Thị Ánh"
    assert to_unicode("ñy ban nh©n d©n huyÖn Lª Ch©n", TCVN3) == "Ủy ban nhân dân huyện Lê Chân"


def test_tcvn3_text_read_as_latin1_converts_like_cp1252():
    # The same byte 0xAD (ư) arrives as a soft hyphen either way; 0x80–0x9F differ, and are not letters in TCVN3.
    assert to_unicode("Tr\xadêng", TCVN3) == "Trường"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_detects_vni(sentence):
    assert detect(from_unicode(sentence, VNI)) == VNI


@pytest.mark.parametrize("sentence", SENTENCES)
def test_detects_tcvn3(sentence):
    assert detect(from_unicode(sentence, TCVN3)) == TCVN3


@pytest.mark.parametrize(
    ("legacy", "encoding"),
    [
        ("NguyÔn V¨n Hïng", TCVN3),
        ("Nguyeãn Vaên Huøng", VNI),
        ("Lª ThÞ Hoa", TCVN3),
        ("Traàn Thò Mai", VNI),
        ("NGUYÔN V¡N HïNG", TCVN3),
        ("NGUYEÃN VAÊN HUØNG", VNI),
    ],
)
def test_detects_a_short_name(legacy, encoding):
    assert detect(legacy) == encoding


@pytest.mark.parametrize("sentence", [*SENTENCES, ALL_CAPS, "Lê Hà", "Tô Hà", "Võ Thành Tâm", "Chí Thô"])
def test_unicode_vietnamese_is_not_detected(sentence):
    assert detect(sentence) is None


@pytest.mark.parametrize(
    "text",
    [
        "Hello world",
        "Annual report 2024",
        "Café Müller, naïve résumé",
        "São Paulo, José, Zürich Straße, España",
        "25°C ± 2; 50% – ©2024 ®",
        "",
        "12/05/2023",
    ],
)
def test_english_and_other_latin_text_is_not_detected(text):
    assert detect(text) is None


def test_text_with_unicode_vietnamese_letters_cannot_be_legacy():
    assert not could_be_legacy("Nguyễn Văn An")
    assert could_be_legacy("NguyÔn V¨n An")


def test_a_column_is_judged_as_a_whole():
    column = [from_unicode(name, TCVN3) for name in ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hùng"]]
    assert detect_many(column) == TCVN3
    assert detect_many(["Nguyễn Văn An", "Lê Hà", "Hello"]) is None


def test_convert_returns_text_and_encoding():
    assert convert("Nguyeãn Vaên An") == ("Nguyễn Văn An", VNI)
    assert convert("Nguyễn Văn An") == ("Nguyễn Văn An", None)


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        to_unicode("abc", "viqr")
