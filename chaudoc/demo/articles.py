"""The demo articles of phường Châu Đốc's portal: written for the demo (the events, names and
figures are illustrative), in every category and several former wards, each with a picture
drawn at load time (chaudoc.demo.pictures, labelled "ảnh minh họa"). Enough that every block
of the home page is full. news.demo.load_demo_articles stores them; idempotent."""

# (category slug, former ward or None, days before today, scene, vi, en)
# vi/en: (title, lead, body paragraphs, picture description)
ARTICLES = [
    (
        "chinh-tri",
        None,
        0,
        "hall",
        (
            "Phường Châu Đốc tổng kết công tác năm 2026, triển khai nhiệm vụ năm 2027",
            "Sáng nay, UBND phường Châu Đốc tổ chức hội nghị tổng kết công tác năm 2026 và "
            "triển khai kế hoạch phát triển kinh tế - xã hội năm 2027.",
            [
                "Năm 2026, phường hoàn thành và vượt 18 trên 20 chỉ tiêu chủ yếu; thu ngân sách "
                "trên địa bàn đạt 112% dự toán, tỷ lệ hồ sơ hành chính giải quyết đúng hạn đạt "
                "99,6%.",
                "Hội nghị thống nhất các nhiệm vụ trọng tâm năm 2027: đẩy mạnh chuyển đổi số, "
                "chỉnh trang đô thị, phát triển du lịch gắn với Khu du lịch quốc gia Núi Sam và "
                "chăm lo đời sống người dân.",
                "Dịp này, UBND phường khen thưởng 14 tập thể và 26 cá nhân có thành tích xuất "
                "sắc trong phong trào thi đua năm 2026.",
            ],
            "Quang cảnh hội nghị tổng kết công tác năm 2026 (ảnh minh họa)",
        ),
        (
            "Châu Đốc Ward reviews 2026 and sets its tasks for 2027",
            "This morning the People's Committee of Châu Đốc Ward reviewed its work in 2026 and "
            "launched its 2027 socio-economic plan.",
            [
                "In 2026 the ward met or exceeded 18 of its 20 main targets; budget revenue "
                "reached 112% of the estimate and 99.6% of administrative files were settled on "
                "time.",
                "For 2027 the ward will push digital transformation, urban upgrading and "
                "tourism around the Núi Sam national tourist area.",
            ],
            "The 2026 review conference (illustration)",
        ),
    ),
    (
        "van-hoa-xa-hoi",
        None,
        1,
        "river",
        (
            "Ra quân làm sạch bờ sông Hậu đoạn qua phường Châu Đốc",
            "Hơn 300 đoàn viên, thanh niên và người dân tham gia thu gom rác, khơi thông dòng "
            "chảy dọc bờ sông Hậu.",
            [
                "Hưởng ứng phong trào Ngày Chủ nhật xanh, lực lượng đoàn viên, thanh niên cùng "
                "bà con các khóm đã thu gom hơn 4 tấn rác thải dọc tuyến bờ kè sông Hậu.",
                "Phường cũng lắp đặt thêm 20 thùng rác công cộng và bảng tuyên truyền giữ gìn "
                "vệ sinh môi trường tại các bến đò.",
            ],
            "Thuyền trên sông Hậu đoạn qua phường Châu Đốc (ảnh minh họa)",
        ),
        (
            "Clean-up of the Hậu river bank in Châu Đốc Ward",
            "More than 300 young volunteers and residents collected rubbish and cleared the "
            "water's edge along the Hậu river.",
            [
                "The volunteers collected more than 4 tonnes of waste along the river "
                "embankment; the ward added 20 public bins at the ferry landings.",
            ],
            "Boats on the Hậu river in Châu Đốc Ward (illustration)",
        ),
    ),
    (
        "kinh-te",
        None,
        2,
        "market",
        (
            "Chợ Châu Đốc thí điểm thanh toán không dùng tiền mặt",
            "Hơn 200 tiểu thương tại chợ Châu Đốc đã có mã QR để khách hàng thanh toán qua "
            "ngân hàng.",
            [
                "Chương trình do UBND phường phối hợp các ngân hàng thương mại triển khai, giúp "
                "tiểu thương quản lý thu chi và thu hút khách du lịch.",
                "Trong tháng đầu thí điểm, giá trị giao dịch không dùng tiền mặt tại chợ đạt "
                "khoảng 1,8 tỷ đồng.",
            ],
            "Các sạp hàng tại chợ Châu Đốc (ảnh minh họa)",
        ),
        (
            "Châu Đốc market tries cashless payment",
            "More than 200 stallholders at Châu Đốc market now have a QR code for bank payments.",
            [
                "In the first month of the trial, cashless payments at the market reached about "
                "1.8 billion VND.",
            ],
            "Stalls at Châu Đốc market (illustration)",
        ),
    ),
    (
        "van-hoa-xa-hoi",
        None,
        3,
        "school",
        (
            "Trao 120 suất học bổng cho học sinh có hoàn cảnh khó khăn",
            "Quỹ Khuyến học phường Châu Đốc trao học bổng cho học sinh vượt khó học tốt, mỗi "
            "suất 1.000.000 đồng.",
            [
                "Các suất học bổng do doanh nghiệp, mạnh thường quân và cán bộ, công chức phường "
                "đóng góp, tổng trị giá 120 triệu đồng.",
                "Lãnh đạo phường động viên các em tiếp tục cố gắng, vươn lên trong học tập.",
            ],
            "Học sinh nhận học bổng tại trường học (ảnh minh họa)",
        ),
        (
            "120 scholarships for pupils facing hardship",
            "Châu Đốc Ward's study promotion fund gave scholarships of 1,000,000 VND each.",
            ["Businesses, benefactors and ward staff contributed 120 million VND in all."],
            "Pupils receive their scholarships at school (illustration)",
        ),
    ),
    (
        "thong-bao",
        None,
        4,
        "hall",
        (
            "Thông báo lịch tiếp công dân của Chủ tịch UBND phường tháng 12/2026",
            "Chủ tịch UBND phường Châu Đốc tiếp công dân định kỳ vào sáng thứ Năm hằng tuần "
            "tại Trung tâm phục vụ hành chính công.",
            [
                "Công dân có nhu cầu phản ánh, kiến nghị mang theo căn cước và giấy tờ liên "
                "quan; có thể đăng ký trước qua số điện thoại của UBND phường.",
                "Ngoài lịch định kỳ, lãnh đạo phường tiếp công dân đột xuất khi có vụ việc phức "
                "tạp, kéo dài.",
            ],
            "Phòng tiếp công dân của UBND phường (ảnh minh họa)",
        ),
        (
            "Citizens' reception by the Ward Chairman in December 2026",
            "The Chairman of Châu Đốc Ward receives citizens every Thursday morning at the "
            "public administration service centre.",
            ["Please bring your ID card and the papers concerned."],
            "The ward's citizen reception room (illustration)",
        ),
    ),
    (
        "kinh-te",
        None,
        5,
        "rice",
        (
            "Nông dân ven đô Châu Đốc chuyển sang lúa chất lượng cao",
            "Vụ Thu Đông năm nay, 85% diện tích lúa trên địa bàn phường gieo sạ giống chất "
            "lượng cao, liên kết bao tiêu đầu ra.",
            [
                "Năng suất bình quân đạt 6,4 tấn mỗi héc-ta, lợi nhuận tăng khoảng 15% so với vụ "
                "trước nhờ giảm phân bón và thuốc bảo vệ thực vật.",
                "Phường tiếp tục hỗ trợ nông dân ứng dụng nhật ký đồng ruộng điện tử và truy "
                "xuất nguồn gốc sản phẩm.",
            ],
            "Cánh đồng lúa ven đô phường Châu Đốc (ảnh minh họa)",
        ),
        (
            "Farmers on the edge of Châu Đốc switch to high-quality rice",
            "This autumn-winter season 85% of the ward's rice fields were sown with "
            "high-quality varieties under purchase contracts.",
            ["Yields averaged 6.4 tonnes a hectare, with profits up about 15%."],
            "Rice fields on the edge of Châu Đốc Ward (illustration)",
        ),
    ),
    (
        "quoc-phong-an-ninh",
        None,
        6,
        "road",
        (
            "Ra mắt mô hình camera an ninh tại các khóm",
            "Phường Châu Đốc đưa vào sử dụng 48 camera giám sát tại các tuyến đường, khu dân "
            "cư trọng điểm.",
            [
                "Hệ thống camera do người dân và doanh nghiệp cùng đóng góp, kết nối về Công an "
                "phường, góp phần phòng ngừa tội phạm và vi phạm trật tự an toàn giao thông.",
            ],
            "Tuyến đường có lắp camera an ninh (ảnh minh họa)",
        ),
        (
            "Security cameras for the ward's neighbourhoods",
            "Châu Đốc Ward put 48 surveillance cameras into service on main roads and in "
            "residential areas.",
            ["The cameras, funded by residents and businesses, are linked to the ward police."],
            "A road watched by the new cameras (illustration)",
        ),
    ),
    (
        "chinh-tri",
        None,
        7,
        "hall",
        (
            "Kỳ họp HĐND phường Châu Đốc thông qua 9 nghị quyết",
            "Kỳ họp thường lệ cuối năm của HĐND phường Châu Đốc khóa I thông qua các nghị quyết "
            "về kế hoạch đầu tư công và dự toán ngân sách năm 2027.",
            [
                "Các đại biểu thảo luận, chất vấn về chỉnh trang đô thị, thoát nước mùa mưa và "
                "giải quyết thủ tục đất đai.",
                "Kỳ họp cũng dành thời gian tiếp thu ý kiến, kiến nghị của cử tri gửi đến.",
            ],
            "Quang cảnh kỳ họp HĐND phường (ảnh minh họa)",
        ),
        (
            "Châu Đốc Ward People's Council passes 9 resolutions",
            "The council's year-end session approved the 2027 public investment plan and budget.",
            ["Delegates questioned officials on urban upgrading and drainage."],
            "The People's Council session (illustration)",
        ),
    ),
    (
        "van-hoa-xa-hoi",
        None,
        8,
        "mountain",
        (
            "Khu du lịch quốc gia Núi Sam đón hơn 5 triệu lượt khách",
            "Từ đầu năm đến nay, Khu du lịch quốc gia Núi Sam đón hơn 5 triệu lượt khách, "
            "doanh thu du lịch tăng 12% so với cùng kỳ.",
            [
                "Nhiều sản phẩm du lịch mới như tham quan rừng tràm Trà Sư, du lịch đường sông "
                "và ẩm thực mắm Châu Đốc thu hút du khách.",
                "Phường tăng cường kiểm tra giá cả, vệ sinh an toàn thực phẩm và trật tự tại "
                "các điểm tham quan.",
            ],
            "Núi Sam nhìn từ xa (ảnh minh họa)",
        ),
        (
            "Núi Sam national tourist area welcomes over 5 million visitors",
            "Since the start of the year the Núi Sam area has welcomed more than 5 million "
            "visitors; tourism revenue is up 12%.",
            ["River trips and Châu Đốc's fermented fish cuisine draw new visitors."],
            "Núi Sam seen from afar (illustration)",
        ),
    ),
    (
        "kinh-te",
        None,
        9,
        "road",
        (
            "Khởi công nâng cấp đường Tôn Đức Thắng",
            "Công trình dài 1,2 km, tổng vốn đầu tư 38 tỷ đồng, dự kiến hoàn thành trong quý "
            "III năm 2027.",
            [
                "Tuyến đường được mở rộng mặt đường, làm mới vỉa hè, hệ thống thoát nước và "
                "chiếu sáng, góp phần chỉnh trang đô thị.",
                "UBND phường đề nghị người dân thông cảm, chấp hành hướng dẫn phân luồng trong "
                "thời gian thi công.",
            ],
            "Máy thi công trên công trường làm đường (ảnh minh họa)",
        ),
        (
            "Upgrade of Tôn Đức Thắng street begins",
            "The 1.2 km project, worth 38 billion VND, should be finished in the third quarter "
            "of 2027.",
            ["Please follow the diversions during the works."],
            "Road works (illustration)",
        ),
    ),
    (
        "van-hoa-xa-hoi",
        None,
        10,
        "market",
        (
            "Ngày hội ẩm thực mắm Châu Đốc lần thứ nhất",
            "Hơn 60 gian hàng giới thiệu đặc sản mắm, khô, thốt nốt và các món ăn dân gian của "
            "vùng Bảy Núi.",
            [
                "Ngày hội nhằm quảng bá thương hiệu mắm Châu Đốc, hỗ trợ các cơ sở sản xuất tìm "
                "kiếm thị trường và thu hút khách du lịch.",
            ],
            "Gian hàng đặc sản tại ngày hội ẩm thực (ảnh minh họa)",
        ),
        (
            "First Châu Đốc fermented fish food festival",
            "More than 60 stalls showed fermented fish, dried fish, palm sugar and folk dishes "
            "of the Seven Mountains region.",
            ["The festival promotes the Châu Đốc fermented fish brand."],
            "Stalls at the food festival (illustration)",
        ),
    ),
    (
        "tin-tuc-su-kien",
        None,
        12,
        "school",
        (
            "Phường Châu Đốc tập huấn kỹ năng số cho người dân",
            "Tổ công nghệ số cộng đồng hướng dẫn hơn 500 người dân cài đặt ứng dụng định danh "
            "điện tử và nộp hồ sơ trực tuyến.",
            [
                "Người dân được hướng dẫn tra cứu thủ tục, thanh toán phí, lệ phí trực tuyến và "
                "nhận kết quả qua dịch vụ bưu chính công ích.",
            ],
            "Lớp tập huấn kỹ năng số tại nhà văn hóa khóm (ảnh minh họa)",
        ),
        (
            "Digital skills training for Châu Đốc residents",
            "Community digital teams helped more than 500 residents install the electronic "
            "identity app and file applications online.",
            ["Residents learnt to pay fees online and receive results by post."],
            "Digital skills class (illustration)",
        ),
    ),
    # Before the 2025 reorganisation: news of the former wards, kept in the archive.
    (
        "van-hoa-xa-hoi",
        "Núi Sam",
        520,
        "mountain",
        (
            "Phường Núi Sam chuẩn bị Lễ hội Vía Bà Chúa Xứ Núi Sam năm 2025",
            "Phường Núi Sam họp triển khai công tác bảo đảm an ninh trật tự, vệ sinh môi "
            "trường và an toàn thực phẩm phục vụ lễ hội.",
            [
                "Lễ hội Vía Bà Chúa Xứ Núi Sam là di sản văn hóa phi vật thể đại diện của nhân "
                "loại, mỗi năm thu hút hàng triệu lượt khách hành hương.",
                "Phường bố trí các điểm giữ xe, nhà vệ sinh công cộng và tổ phản ứng nhanh hỗ "
                "trợ du khách.",
            ],
            "Núi Sam vào mùa lễ hội (ảnh minh họa)",
        ),
        (
            "Núi Sam ward prepares the 2025 Lady of the Realm festival",
            "Núi Sam ward planned security, sanitation and food safety for the festival.",
            ["The festival is on UNESCO's list of the intangible heritage of humanity."],
            "Núi Sam in the festival season (illustration)",
        ),
    ),
    (
        "kinh-te",
        "Vĩnh Mỹ",
        540,
        "river",
        (
            "Phường Vĩnh Mỹ phát triển mô hình nuôi cá bè trên sông Hậu",
            "Các hộ nuôi cá bè tại phường Vĩnh Mỹ áp dụng quy trình nuôi an toàn sinh học, "
            "giảm dịch bệnh, tăng thu nhập.",
            [
                "Toàn phường có 46 bè cá, sản lượng mỗi năm khoảng 2.000 tấn, chủ yếu là cá "
                "lóc, cá rô phi và cá điêu hồng.",
            ],
            "Bè cá trên sông Hậu (ảnh minh họa)",
        ),
        (
            "Fish cage farming on the Hậu river in Vĩnh Mỹ ward",
            "Fish farmers in Vĩnh Mỹ ward adopted biosecure methods, with fewer diseases and "
            "higher incomes.",
            ["The ward's 46 fish cages produce about 2,000 tonnes a year."],
            "Fish cages on the Hậu river (illustration)",
        ),
    ),
    (
        "tin-tuc-su-kien",
        "Châu Phú A",
        560,
        "road",
        (
            "Phường Châu Phú A hoàn thành tuyến đường hoa khóm 3",
            "Tuyến đường hoa dài 800 m do người dân khóm 3 cùng góp công, góp của thực hiện.",
            [
                "Công trình góp phần xây dựng khu dân cư văn minh đô thị, tạo cảnh quan xanh - "
                "sạch - đẹp.",
            ],
            "Tuyến đường hoa khóm 3 (ảnh minh họa)",
        ),
        (
            "Châu Phú A ward finishes the flower road of neighbourhood 3",
            "Residents of neighbourhood 3 built the 800 m flower-lined road together.",
            ["The road makes the neighbourhood greener and cleaner."],
            "The flower road (illustration)",
        ),
    ),
]
