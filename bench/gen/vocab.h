#pragma once
// Fixed vocabulary of the synthetic corpus: provinces, agencies, people, topics.
// Modelled on data/samples (Lạng Sơn notices) and the metadata of vn-legal.

#include <array>
#include <string_view>

namespace tracuu::bench::gen {

/// A department of a provincial People's Committee: display name and the code
/// that ends its document numbers ("45/TB-STC").
struct Department {
  std::string_view name;
  std::string_view code;
};

/// The 34 provinces after the 2025 merger; Lạng Sơn (the samples' province) first.
inline constexpr std::array<std::string_view, 34> kProvinces = {"Lạng Sơn",   "Hà Nội",      "Huế",
                                                                "Lai Châu",   "Điện Biên",   "Sơn La",
                                                                "Quảng Ninh", "Thanh Hóa",   "Nghệ An",
                                                                "Hà Tĩnh",    "Cao Bằng",    "Tuyên Quang",
                                                                "Lào Cai",    "Thái Nguyên", "Phú Thọ",
                                                                "Bắc Ninh",   "Hưng Yên",    "Hải Phòng",
                                                                "Ninh Bình",  "Quảng Trị",   "Đà Nẵng",
                                                                "Quảng Ngãi", "Gia Lai",     "Khánh Hòa",
                                                                "Lâm Đồng",   "Đắk Lắk",     "Thành phố Hồ Chí Minh",
                                                                "Đồng Nai",   "Tây Ninh",    "Cần Thơ",
                                                                "Vĩnh Long",  "Đồng Tháp",   "Cà Mau",
                                                                "An Giang"};

inline constexpr std::array<Department, 16> kDepartments = {{
    {"Sở Tài chính", "STC"},
    {"Sở Nội vụ", "SNV"},
    {"Sở Xây dựng", "SXD"},
    {"Sở Công Thương", "SCT"},
    {"Sở Y tế", "SYT"},
    {"Sở Giáo dục và Đào tạo", "SGDĐT"},
    {"Sở Nông nghiệp và Môi trường", "SNNMT"},
    {"Sở Khoa học và Công nghệ", "SKHCN"},
    {"Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"},
    {"Sở Tư pháp", "STP"},
    {"Sở Dân tộc và Tôn giáo", "SDTTG"},
    {"Thanh tra tỉnh", "TTr"},
    {"Công an tỉnh", "CAT"},
    {"Văn phòng UBND tỉnh", "VP"},
    {"Ban Quản lý Khu kinh tế cửa khẩu", "BQLKKT"},
    {"Bộ Chỉ huy Quân sự tỉnh", "BCHQS"},
}};

/// Office codes that follow "UBND-" in a công văn number ("1234/UBND-KT").
inline constexpr std::array<std::string_view, 6> kOfficeCodes = {"KT", "TH", "NC", "KGVX", "THNC", "HCQT"};

inline constexpr std::array<std::string_view, 22> kFamilyNames = {
    "Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ",   "Đặng",  "Bùi",  "Đỗ",
    "Hồ",     "Ngô",  "Dương", "Lý",   "Đoàn",  "Lương", "Hà", "Nông", "Triệu", "Lăng", "Chu"};
inline constexpr std::array<std::string_view, 16> kMiddleNames = {"Văn",   "Thị",  "Đức",   "Minh", "Xuân", "Tiến",
                                                                  "Thanh", "Quốc", "Hữu",   "Ngọc", "Thu",  "Hồng",
                                                                  "Công",  "Đình", "Quang", "Mạnh"};
inline constexpr std::array<std::string_view, 30> kGivenNames = {
    "Thiệu", "Huyên", "Hùng", "Lan",  "Hà",    "Hải",   "Sơn",  "Tuấn",   "Dũng",  "Hương",
    "Thủy",  "Hoà",   "Khoa", "Long", "Cường", "Thắng", "Bình", "Phương", "Trang", "Mai",
    "Linh",  "Nam",   "Quý",  "Tú",   "Hiếu",  "Đông",  "Tâm",  "Thuỷ",   "Huệ",   "Khánh"};

/// Positions of the people who chair meetings and sign.
inline constexpr std::array<std::string_view, 6> kPositions = {
    "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh",         "Phó Chủ tịch Thường trực UBND tỉnh",
    "Bí thư Tỉnh ủy",     "Phó Bí thư Thường trực Tỉnh ủy", "Giám đốc Sở"};

/// Local subjects of notices, reports and plans (trích yếu material).
inline constexpr std::array<std::string_view, 36> kTopics = {
    "phát triển kinh tế - xã hội",
    "dự toán ngân sách nhà nước",
    "giải phóng mặt bằng dự án tuyến cao tốc Hữu Nghị - Chi Lăng",
    "chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "chuyển đổi số và phát triển chính quyền số",
    "cải cách hành chính",
    "phòng, chống bệnh dịch tả lợn Châu Phi",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "giải ngân vốn đầu tư công",
    "thu hút đầu tư vào khu công nghiệp",
    "xây dựng cửa khẩu thông minh",
    "sắp xếp đơn vị hành chính cấp xã",
    "vận hành chính quyền địa phương 2 cấp",
    "xóa nhà tạm, nhà dột nát",
    "thu dịch vụ hỗ trợ hoạt động giáo dục ngoài học phí",
    "cấp thẻ bảo hiểm y tế cho người dân tộc thiểu số",
    "bảo đảm an toàn thực phẩm",
    "quản lý tài nguyên khoáng sản",
    "phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "giảm nghèo bền vững",
    "phát triển thương mại điện tử",
    "quy hoạch chung khu công nghiệp - đô thị - dịch vụ",
    "xã, phường không ma túy",
    "tuyển dụng công chức, viên chức",
    "thực hành tiết kiệm, chống lãng phí",
    "tiếp công dân, giải quyết khiếu nại, tố cáo",
    "bảo vệ môi trường lưu vực sông",
    "trồng rừng và bảo vệ rừng",
    "phát triển du lịch cộng đồng",
    "xuất nhập khẩu hàng hóa qua cửa khẩu",
    "nâng cao chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
    "bầu cử đại biểu Quốc hội và đại biểu HĐND các cấp",
    "hỗ trợ doanh nghiệp nhỏ và vừa",
    "chống buôn lậu, gian lận thương mại và hàng giả",
    "kiên cố hóa trường, lớp học"};

/// Recipient lines of the "Nơi nhận" block.
inline constexpr std::array<std::string_view, 8> kRecipients = {
    "Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh", "Chủ tịch, các PCT UBND tỉnh",     "Các Sở, ban, ngành tỉnh",
    "UBND các xã, phường", "Đoàn ĐBQH tỉnh",        "C, PCVP UBND tỉnh, các phòng CV", "Cổng Thông tin điện tử tỉnh"};

}  // namespace tracuu::bench::gen
