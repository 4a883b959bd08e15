"""Thirty-two Vietnamese articles written for the search tests (title, lead, body, days old).

Each group is there for one behaviour: tone marks and đ, spelling variants, ranking by field and
by phrase, filters, pagination. Bodies are plain paragraphs; the factory wraps them in <p>.
"""

# (key, title, lead, body, days before tests.factories.NOW)
ARTICLES = [
    # "giảm nghèo": found with or without tone marks, in any case.
    (
        "gn-title",
        "Hội nghị tổng kết công tác giảm nghèo bền vững năm 2023",
        "UBND thành phố tổ chức hội nghị tổng kết chương trình mục tiêu quốc gia.",
        "Năm 2023 thành phố không còn hộ nghèo, còn 142 hộ cận nghèo.",
        30,
    ),
    (
        "gn-lead",
        "Phường Châu Phú A trao nhà Đại đoàn kết",
        "Ngôi nhà góp phần vào chương trình giảm nghèo của phường.",
        "Ban vận động Quỹ Vì người nghèo phường hỗ trợ 50 triệu đồng.",
        20,
    ),
    (
        "gn-body",
        "Xã Vĩnh Tế ra quân dọn vệ sinh môi trường",
        "Đoàn viên, hội viên tham gia làm sạch tuyến đường liên ấp.",
        "Hoạt động gắn với phong trào giảm nghèo và xây dựng nông thôn mới.",
        10,
    ),
    # Châu Đốc with đ; the ASCII spelling must find it.
    (
        "cd-title",
        "Châu Đốc đón hơn 6 triệu lượt khách dịp lễ hội Vía Bà",
        "Lượng khách tăng so với cùng kỳ năm trước.",
        "Ban tổ chức bố trí lực lượng bảo đảm an ninh trật tự.",
        40,
    ),
    (
        "cd-body",
        "Kiểm tra an toàn thực phẩm tại chợ trung tâm",
        "Đoàn liên ngành kiểm tra 25 cơ sở kinh doanh.",
        "Chợ trung tâm thành phố Châu Đốc có hơn 500 tiểu thương.",
        45,
    ),
    # Vĩnh Ngươn / Vĩnh Nguơn.
    (
        "vn-uo",
        "Phường Vĩnh Ngươn khánh thành cầu bê tông nông thôn",
        "Cây cầu dài 24 mét do nhân dân đóng góp xây dựng.",
        "Công trình giúp người dân đi lại thuận tiện trong mùa nước nổi.",
        50,
    ),
    (
        "vn-uo2",
        "Đoàn thanh niên Vĩnh Nguơn tình nguyện hè",
        "Các đội hình tình nguyện sửa đường, dạy học cho thiếu nhi.",
        "Chiến dịch kéo dài hai tháng.",
        55,
    ),
    # Ranking by field: one rare word ("lục bình") in title, lead or body; the body hit is newest.
    (
        "lb-title",
        "Chị em phụ nữ đan lục bình xuất khẩu",
        "Mô hình tạo việc làm cho lao động nữ lúc nông nhàn.",
        "Mỗi tháng các chị có thêm thu nhập ổn định.",
        90,
    ),
    (
        "lb-lead",
        "Tổ hợp tác thủ công mỹ nghệ Núi Sam ra mắt",
        "Sản phẩm chính là giỏ xách đan từ lục bình phơi khô.",
        "Tổ hợp tác có 18 thành viên.",
        60,
    ),
    (
        "lb-body",
        "Tập huấn khởi nghiệp cho thanh niên nông thôn",
        "Lớp học thu hút hơn 40 học viên.",
        "Học viên được hướng dẫn làm sản phẩm từ lục bình và tre trúc.",
        5,
    ),
    # Phrase above scattered: "nuôi cá bè" together vs the same words apart (scattered newer).
    (
        "phrase",
        "Mô hình nuôi cá bè trên sông Hậu cho lãi cao",
        "Nông dân phường Vĩnh Mỹ mạnh dạn đầu tư.",
        "Giá cá ổn định trong năm.",
        70,
    ),
    (
        "scattered",
        "Cá tra giống được nông dân chọn nuôi, bè gỗ được gia cố",
        "Bà con chuẩn bị cho vụ mới.",
        "Ngành nông nghiệp khuyến cáo theo dõi thời tiết.",
        3,
    ),
    # Same words, same fields: newer first.
    (
        "old-same",
        "Ra mắt câu lạc bộ dưỡng sinh người cao tuổi",
        "Câu lạc bộ sinh hoạt mỗi sáng.",
        "Hội viên tập luyện đều đặn.",
        100,
    ),
    (
        "new-same",
        "Ra mắt câu lạc bộ dưỡng sinh phường Núi Sam",
        "Câu lạc bộ sinh hoạt mỗi sáng.",
        "Hội viên tập luyện đều đặn.",
        2,
    ),
    # Filters and pagination: twelve articles on "chuyển đổi số" over a year.
    *[
        (
            f"cds-{n}",
            f"Chuyển đổi số trong cải cách hành chính, bài {n}",
            "Cán bộ được tập huấn sử dụng dịch vụ công trực tuyến.",
            "Người dân nộp hồ sơ qua Cổng dịch vụ công quốc gia.",
            15 + 30 * n,
        )
        for n in range(1, 13)
    ],
    # Unrelated articles the queries must not find.
    (
        "other-1",
        "Tuyên truyền phòng chống sốt xuất huyết",
        "Ngành y tế phun thuốc diệt muỗi tại các khu dân cư.",
        "Người dân được khuyến cáo diệt lăng quăng.",
        12,
    ),
    (
        "other-2",
        "Khai giảng lớp dạy nghề sửa chữa xe máy",
        "Lớp học dành cho lao động nông thôn.",
        "Khóa học kéo dài ba tháng.",
        25,
    ),
    (
        "other-3",
        "Tặng quà Tết cho gia đình chính sách",
        "Mỗi phần quà trị giá 500.000 đồng.",
        "Lãnh đạo thăm hỏi, chúc Tết.",
        35,
    ),
    (
        "other-4",
        "Ra mắt mô hình dân vận khéo về bảo vệ môi trường",
        "Mô hình do Hội Cựu chiến binh thực hiện.",
        "Rác thải được thu gom đúng giờ.",
        8,
    ),
    # Markup-like text must come out escaped, with only our <mark> added.
    (
        "markup",
        "Giá lúa tăng <b>mạnh</b> & nông dân phấn khởi",
        "Thương lái thu mua lúa <script>alert(1)</script> tại ruộng.",
        "Giá lúa tăng 300 đồng mỗi ký so với tháng trước.",
        4,
    ),
    (
        "english",
        "Hội thao người khuyết tật thành phố",
        "Hơn 100 vận động viên tham gia.",
        "Các môn thi gồm cờ tướng, bóng bàn.",
        6,
    ),
]

# English versions (title, lead, body) of some articles, for searching in the reader's language.
ENGLISH = {
    "english": (
        "City sports festival for people with disabilities",
        "More than 100 athletes took part.",
        "Events included chess and table tennis.",
    ),
    "gn-title": (
        "Conference reviewing sustainable poverty reduction in 2023",
        "The City People's Committee reviewed the national target programme.",
        "In 2023 the city had no poor households left.",
    ),
}
