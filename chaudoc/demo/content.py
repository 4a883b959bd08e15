"""The portal's own demo content: the wards of the seed's time. Each app brings its own
(news/demo.py, gallery/demo.py, weather/demo.py); load_demo collects them."""

# (kind, name): the seven units of Châu Đốc at the seed's time (before the 2025 reorganisation).
WARDS = [
    ("phuong", "Châu Phú A"),
    ("phuong", "Châu Phú B"),
    ("phuong", "Núi Sam"),
    ("phuong", "Vĩnh Mỹ"),
    ("phuong", "Vĩnh Ngươn"),
    ("xa", "Vĩnh Châu"),
    ("xa", "Vĩnh Tế"),
]

# The 2025 reorganisation (Nghị quyết 1654/NQ-UBTVQH15), as reported by the press. Data for the
# demo: an administrator edits these in the admin ("Portals", "Wards and communes").
REORGANISED_ON = "2025-07-01"

PROVINCE = {
    "slug": "an-giang",
    "kind": "tinh",
    "short_name": ("Tỉnh An Giang", "An Giang Province"),
    "name": (
        "Cổng thông tin điện tử tỉnh An Giang",
        "An Giang Province Electronic Information Portal",
    ),
    "governing_body": ("UBND tỉnh An Giang", "People's Committee of An Giang Province"),
    "banner": (
        "Chào mừng đến với Cổng thông tin điện tử tỉnh An Giang",
        "Welcome to the Electronic Information Portal of An Giang Province",
    ),
    "address": ("Rạch Giá, An Giang", "Rạch Giá, An Giang"),
    "phone": "0297 3862 000",
    "email": "ubnd@angiang.gov.vn",
    "person_responsible": (
        "Ông Nguyễn Văn An - Chánh Văn phòng UBND tỉnh (tên minh họa)",
        "Mr Nguyễn Văn An, Chief of the Provincial People's Committee Office (illustrative name)",
    ),
    "licence": (
        "Giấy phép số 01/GP-TTĐT (minh họa) do Sở Khoa học và Công nghệ tỉnh An Giang cấp",
        "Licence no. 01/GP-TTĐT (illustrative), issued by the An Giang Department of Science "
        "and Technology",
    ),
    "hosts": ["angiang.localhost"],
}

# Each ward portal, with the former units (WARDS above, by name) whose territory it took over.
WARD_PORTALS = [
    {
        "slug": "chau-doc",
        "kind": "phuong",
        "short_name": ("Phường Châu Đốc", "Châu Đốc Ward"),
        "name": (
            "Trang thông tin điện tử phường Châu Đốc",
            "Châu Đốc Ward Electronic Information Portal",
        ),
        "governing_body": ("UBND phường Châu Đốc", "People's Committee of Châu Đốc Ward"),
        "banner": (
            "Chào mừng đến với Trang thông tin điện tử phường Châu Đốc",
            "Welcome to the Electronic Information Portal of Châu Đốc Ward",
        ),
        "address": ("Số 1 đường Lê Lợi, phường Châu Đốc, tỉnh An Giang", "1 Lê Lợi Street"),
        "phone": "0296 3866 001",
        "email": "ubnd.chaudoc@angiang.gov.vn",
        "person_responsible": (
            "Ông Trần Minh Quang - Chủ tịch UBND phường (tên minh họa)",
            "Mr Trần Minh Quang, Chairman of the Ward People's Committee (illustrative name)",
        ),
        "licence": (
            "Giấy phép số 15/GP-TTĐT ngày 10/7/2025 (minh họa) do Sở Khoa học và Công nghệ "
            "tỉnh An Giang cấp",
            "Licence no. 15/GP-TTĐT of 10/7/2025 (illustrative), issued by the An Giang "
            "Department of Science and Technology",
        ),
        # 127.0.0.1 and localhost: `make run`'s own address shows the default portal.
        "hosts": ["chaudoc.localhost", "127.0.0.1", "localhost"],
        "former": ["Vĩnh Ngươn", "Châu Phú A", "Châu Phú B", "Vĩnh Mỹ", "Vĩnh Châu"],
        "news": [
            (
                "Phường Châu Đốc ra mắt Trung tâm phục vụ hành chính công",
                "Người dân phường Châu Đốc làm thủ tục hành chính tại một nơi, từ ngày đầu "
                "vận hành chính quyền địa phương hai cấp.",
            ),
            (
                "Phường Châu Đốc tổ chức ngày hội văn hóa dân tộc",
                "Hơn một nghìn người dân tham gia các hoạt động văn hóa, thể thao tại công "
                "viên Châu Đốc.",
            ),
        ],
    },
    {
        "slug": "vinh-te",
        "kind": "phuong",
        "short_name": ("Phường Vĩnh Tế", "Vĩnh Tế Ward"),
        "name": (
            "Trang thông tin điện tử phường Vĩnh Tế",
            "Vĩnh Tế Ward Electronic Information Portal",
        ),
        "governing_body": ("UBND phường Vĩnh Tế", "People's Committee of Vĩnh Tế Ward"),
        "banner": (
            "Chào mừng đến với Trang thông tin điện tử phường Vĩnh Tế",
            "Welcome to the Electronic Information Portal of Vĩnh Tế Ward",
        ),
        "address": ("Khóm Vĩnh Đông, phường Vĩnh Tế, tỉnh An Giang", "Vĩnh Đông, Vĩnh Tế Ward"),
        "phone": "0296 3861 002",
        "email": "ubnd.vinhte@angiang.gov.vn",
        "person_responsible": (
            "Bà Lê Thị Hồng - Chủ tịch UBND phường (tên minh họa)",
            "Ms Lê Thị Hồng, Chairwoman of the Ward People's Committee (illustrative name)",
        ),
        "licence": (
            "Giấy phép số 16/GP-TTĐT ngày 10/7/2025 (minh họa) do Sở Khoa học và Công nghệ "
            "tỉnh An Giang cấp",
            "Licence no. 16/GP-TTĐT of 10/7/2025 (illustrative), issued by the An Giang "
            "Department of Science and Technology",
        ),
        "hosts": ["vinhte.localhost"],
        "former": ["Núi Sam", "Vĩnh Tế", "Vĩnh Châu"],
        "news": [
            (
                "Phường Vĩnh Tế chuẩn bị Lễ hội Vía Bà Chúa Xứ Núi Sam",
                "Phường Vĩnh Tế họp bàn công tác bảo đảm an ninh, trật tự và vệ sinh môi "
                "trường phục vụ lễ hội.",
            ),
            (
                "Phường Vĩnh Tế nạo vét kênh Vĩnh Tế đoạn qua khóm Vĩnh Đông",
                "Công trình giúp thoát nước mùa mưa và phục vụ sản xuất của bà con.",
            ),
        ],
    },
]

# The former city: the install's first portal (the migration made it the default), dissolved
# on 01/07/2025; its archive moves into phường Châu Đốc and its old host name answers 301.
FORMER_CITY = {
    "governing_body": ("UBND thành phố Châu Đốc", "People's Committee of Châu Đốc City"),
    "hosts": ["thanhpho-chaudoc.localhost"],
    "archive_to": "chau-doc",
}
