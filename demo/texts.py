"""Texts of the demo materials (lessons, e-lectures, library files, links, comments).

Longer texts live as YAML in ``content/demo_texts/`` (grade-12 lessons, the demo exam
paper); this module loads them and turns them into the shapes ``content.demo`` uses.
"""

from pathlib import Path

import yaml

from common.sharing import SharingScope

LIBRARY_URL = "https://thuvien.ninhbinh.edu.vn"
TEXTS = Path(__file__).resolve().parent / "data" / "materials"


def _load(name: str):
    return yaml.safe_load((TEXTS / name).read_text(encoding="utf-8"))


def exam_paragraphs(exam: dict) -> list[str]:
    """The paragraphs of a demo exam paper for ``demo_pdf``: a question and its options
    (A–D) or statements (a–d) are one paragraph, one per line."""
    paragraphs = list(exam["intro"])
    for part in exam["parts"]:
        paragraphs.append(part["heading"])
        for n, question in enumerate(part["questions"], start=1):
            lines = [f"Câu {n}. {question['stem']}"]
            lines += [f"{'ABCD'[i]}. {o}" for i, o in enumerate(question.get("options", []))]
            lines += [f"{'abcd'[i]}) {s}" for i, s in enumerate(question.get("statements", []))]
            paragraphs.append("\n".join(lines))
    return paragraphs + list(exam["answers"])


LESSONS = {
    "toan-10-c01-b01": {
        "summary": "Mệnh đề, mệnh đề phủ định, kéo theo, đảo, tương đương và kí hiệu ∀, ∃.",
        "intro": r"Trong toán học ta thường gặp những câu khẳng định mà ta xác định được là đúng hay sai. Câu “\(7\) là số nguyên tố” là một câu đúng, còn câu “\(\sqrt{2}\) là số hữu tỉ” là một câu sai.",
        "definition": (
            "Mệnh đề",
            r"Mệnh đề là một câu khẳng định đúng hoặc sai; một mệnh đề không thể vừa đúng, vừa sai. Phủ định của mệnh đề \(P\) kí hiệu là \(\overline{P}\): \(\overline{P}\) đúng khi \(P\) sai và ngược lại.",
        ),
        "math": [
            r"P \Rightarrow Q \quad\text{sai chỉ khi } P \text{ đúng và } Q \text{ sai}",
            r"\overline{\forall x \in X,\ P(x)} \;\Leftrightarrow\; \exists x \in X,\ \overline{P(x)}",
        ],
        "example": (
            "Ví dụ 1",
            r"Mệnh đề “\(\exists n \in \mathbb{N},\ n^2 = 2\)” sai vì không có số tự nhiên nào có bình phương bằng 2; phủ định của nó là “\(\forall n \in \mathbb{N},\ n^2 \ne 2\)”, một mệnh đề đúng.",
        ),
        "tip": "Muốn phủ định một mệnh đề có “với mọi”, hãy đổi thành “tồn tại” và phủ định tính chất theo sau.",
    },
    "toan-10-c01-b02": {
        "summary": "Tập hợp, tập con, hai tập hợp bằng nhau; hợp, giao, hiệu và phần bù.",
        "intro": r"Tập hợp là một khái niệm cơ bản của toán học. Ta viết \(a \in A\) khi \(a\) là một phần tử của tập \(A\) và \(A \subset B\) khi mọi phần tử của \(A\) đều thuộc \(B\).",
        "definition": (
            "Các phép toán trên tập hợp",
            r"\(A \cap B = \{x \mid x \in A \text{ và } x \in B\}\), \(A \cup B = \{x \mid x \in A \text{ hoặc } x \in B\}\), \(A \setminus B = \{x \mid x \in A \text{ và } x \notin B\}\).",
        ),
        "math": [r"n(A \cup B) = n(A) + n(B) - n(A \cap B)"],
        "example": (
            "Ví dụ 2",
            r"Lớp 10A1 có 40 học sinh; 25 em thích bóng đá, 18 em thích cầu lông, 8 em thích cả hai. Số em thích ít nhất một môn là \(25 + 18 - 8 = 35\), nên có \(5\) em không thích môn nào.",
        ),
        "video": "Biểu đồ Ven và các phép toán trên tập hợp",
    },
    "toan-10-c02-b01": {
        "summary": "Bất phương trình bậc nhất hai ẩn và cách biểu diễn miền nghiệm trên mặt phẳng toạ độ.",
        "intro": r"Một cửa hàng bán hai loại nước ép với giá 20 nghìn và 30 nghìn đồng một cốc. Muốn doanh thu ít nhất 600 nghìn đồng, số cốc \(x\), \(y\) bán được phải thoả mãn \(20x + 30y \ge 600\).",
        "definition": (
            "Bất phương trình bậc nhất hai ẩn",
            r"Là bất phương trình dạng \(ax + by < c\) (hoặc \(\le, >, \ge\)) với \(a, b\) không đồng thời bằng 0. Mỗi cặp \((x_0; y_0)\) thoả mãn là một nghiệm.",
        ),
        "math": [r"ax + by \le c,\qquad a^2 + b^2 \ne 0"],
        "example": (
            "Cách biểu diễn miền nghiệm",
            r"Vẽ đường thẳng \(d: ax + by = c\); lấy điểm \(O(0; 0) \notin d\), thay vào bất phương trình. Nếu thoả mãn, nửa mặt phẳng chứa \(O\) là miền nghiệm; nếu không, lấy nửa mặt phẳng còn lại.",
        ),
    },
    "toan-10-c02-b02": {
        "summary": "Hệ bất phương trình bậc nhất hai ẩn, miền nghiệm và bài toán tìm giá trị lớn nhất, nhỏ nhất.",
        "intro": r"Miền nghiệm của một hệ là giao các miền nghiệm của từng bất phương trình trong hệ. Khi miền nghiệm là một đa giác, biểu thức \(F = ax + by\) đạt giá trị lớn nhất và nhỏ nhất tại các đỉnh của đa giác đó.",
        "definition": (
            "Hệ bất phương trình bậc nhất hai ẩn",
            "Là một hệ gồm hai hay nhiều bất phương trình bậc nhất hai ẩn; nghiệm của hệ là nghiệm chung của mọi bất phương trình trong hệ.",
        ),
        "math": [r"\begin{cases} x + y \le 6 \\ 2x + y \le 8 \\ x \ge 0,\ y \ge 0 \end{cases}"],
        "example": (
            "Bài toán lập kế hoạch sản xuất",
            r"Với hệ trên, \(F = 3x + 2y\) đạt giá trị lớn nhất tại một đỉnh của tứ giác \(O(0;0), A(4;0), B(2;4), C(0;6)\): \(F(B) = 14\) là lớn nhất.",
        ),
        "scope": SharingScope.PROVINCE,
    },
    "toan-10-c03-b01": {
        "summary": "Giá trị lượng giác của một góc từ 0° đến 180° và hệ thức giữa các góc phụ nhau, bù nhau.",
        "intro": r"Trên nửa đường tròn đơn vị, điểm \(M(x_0; y_0)\) ứng với góc \(\alpha = \widehat{xOM}\) cho ta \(\sin\alpha = y_0\), \(\cos\alpha = x_0\).",
        "definition": (
            "Giá trị lượng giác",
            r"Với \(0^\circ \le \alpha \le 180^\circ\): \(\sin\alpha = y_0\), \(\cos\alpha = x_0\), \(\tan\alpha = \dfrac{y_0}{x_0}\ (x_0 \ne 0)\), \(\cot\alpha = \dfrac{x_0}{y_0}\ (y_0 \ne 0)\).",
        ),
        "math": [
            r"\sin(180^\circ - \alpha) = \sin\alpha,\qquad \cos(180^\circ - \alpha) = -\cos\alpha"
        ],
        "example": (
            "Ví dụ",
            r"\(\sin 150^\circ = \sin 30^\circ = \dfrac{1}{2}\) và \(\cos 120^\circ = -\cos 60^\circ = -\dfrac{1}{2}\).",
        ),
    },
    "toan-10-c03-b02": {
        "summary": "Định lí côsin, định lí sin, công thức tính diện tích và giải tam giác.",
        "intro": r"Cho tam giác \(ABC\) có \(BC = a\), \(CA = b\), \(AB = c\), bán kính đường tròn ngoại tiếp \(R\). Các hệ thức sau giúp tính cạnh và góc còn lại khi biết ba yếu tố.",
        "definition": (
            "Định lí côsin",
            r"Trong mọi tam giác, bình phương một cạnh bằng tổng bình phương hai cạnh còn lại trừ đi hai lần tích của chúng nhân với côsin của góc xen giữa.",
        ),
        "math": [
            r"a^2 = b^2 + c^2 - 2bc\cos A",
            r"\frac{a}{\sin A} = \frac{b}{\sin B} = \frac{c}{\sin C} = 2R",
            r"S = \frac{1}{2}bc\sin A = \sqrt{p(p-a)(p-b)(p-c)}",
        ],
        "example": (
            "Đo khoảng cách qua hồ",
            r"Từ \(C\) đo được \(CA = 60\) m, \(CB = 80\) m, \(\widehat{ACB} = 60^\circ\). Khi đó \(AB^2 = 60^2 + 80^2 - 2\cdot 60\cdot 80\cdot\tfrac12 = 5200\), nên \(AB \approx 72{,}1\) m.",
        ),
        "video": "Giải tam giác và ứng dụng đo đạc",
    },
    "toan-10-c06-b02": {
        "summary": "Hàm số bậc hai, đồ thị parabol: đỉnh, trục đối xứng, chiều biến thiên và ứng dụng.",
        "intro": r"Hàm số bậc hai có dạng \(y = ax^2 + bx + c\) với \(a \ne 0\). Đồ thị của nó là một parabol có đỉnh \(I\left(-\dfrac{b}{2a}; -\dfrac{\Delta}{4a}\right)\), trong đó \(\Delta = b^2 - 4ac\).",
        "definition": (
            "Parabol",
            r"Đồ thị hàm số \(y = ax^2 + bx + c\ (a \ne 0)\) là parabol nhận đường thẳng \(x = -\dfrac{b}{2a}\) làm trục đối xứng; bề lõm quay lên khi \(a > 0\), quay xuống khi \(a < 0\).",
        ),
        "math": [
            r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}",
            r"I\left(-\frac{b}{2a};\ -\frac{\Delta}{4a}\right)",
        ],
        "example": (
            "Cổng hình parabol",
            r"Một cổng có dạng parabol \(y = -\tfrac{1}{2}x^2 + 8\) (đơn vị mét). Chiều cao cổng là tung độ đỉnh, \(8\) m; chân cổng ứng với \(y = 0\), tức \(x = \pm 4\), nên cổng rộng \(8\) m.",
        ),
        "tip": r"Vẽ parabol: xác định đỉnh, trục đối xứng, giao điểm với trục \(Oy\) rồi lấy thêm hai điểm đối xứng.",
    },
    "toan-10-c06-b03": {
        "summary": "Định lí về dấu của tam thức bậc hai và cách giải bất phương trình bậc hai một ẩn.",
        "intro": r"Tam thức bậc hai \(f(x) = ax^2 + bx + c\) có dấu được đọc ngay trên đồ thị: phần parabol phía trên trục hoành ứng với \(f(x) > 0\).",
        "definition": (
            "Định lí về dấu của tam thức bậc hai",
            r"Nếu \(\Delta < 0\) thì \(f(x)\) cùng dấu với \(a\) với mọi \(x\). Nếu \(\Delta > 0\), \(f(x)\) có hai nghiệm \(x_1 < x_2\): \(f(x)\) trái dấu với \(a\) khi \(x_1 < x < x_2\), cùng dấu với \(a\) khi \(x < x_1\) hoặc \(x > x_2\).",
        ),
        "math": [r"\Delta = b^2 - 4ac"],
        "example": (
            "Ví dụ",
            r"Giải \(x^2 - 5x + 6 \le 0\): tam thức có hai nghiệm \(2\) và \(3\), \(a = 1 > 0\), nên tập nghiệm là \([2; 3]\).",
        ),
    },
    "toan-11-c09-b01": {
        "summary": "Định nghĩa đạo hàm tại một điểm, ý nghĩa vật lí và ý nghĩa hình học của đạo hàm.",
        "intro": r"Vận tốc tức thời của một vật rơi tự do tại thời điểm \(t_0\) là giới hạn của vận tốc trung bình trong khoảng thời gian \([t_0; t]\) khi \(t \to t_0\). Giới hạn đó dẫn tới khái niệm đạo hàm.",
        "definition": (
            "Đạo hàm tại một điểm",
            r"Cho hàm số \(y = f(x)\) xác định trên khoảng \((a; b)\) chứa \(x_0\). Nếu giới hạn dưới đây tồn tại và hữu hạn thì nó là đạo hàm của \(f\) tại \(x_0\), kí hiệu \(f'(x_0)\).",
        ),
        "math": [
            r"f'(x_0) = \lim_{x \to x_0} \frac{f(x) - f(x_0)}{x - x_0}",
            r"(x^n)' = n x^{n-1},\qquad (\sin x)' = \cos x",
            r"y = f'(x_0)(x - x_0) + f(x_0)",
        ],
        "example": (
            "Tiếp tuyến của parabol",
            r"Với \(f(x) = x^2\): \(f'(1) = \lim_{x \to 1} \dfrac{x^2 - 1}{x - 1} = 2\), nên tiếp tuyến tại \(M(1; 1)\) là \(y = 2x - 1\).",
        ),
        "scope": SharingScope.SCHOOL,
    },
    "vat-ly-10-c01-b01": {
        "summary": "Đối tượng, phương pháp nghiên cứu của Vật lí và vai trò của Vật lí với đời sống.",
        "intro": "Vật lí nghiên cứu các dạng vận động của vật chất, năng lượng và sự tương tác giữa chúng, từ hạt cơ bản đến các thiên hà.",
        "definition": (
            "Phương pháp thực nghiệm",
            "Quan sát, đặt giả thuyết, thiết kế và tiến hành thí nghiệm để kiểm tra giả thuyết, rồi rút ra kết luận; giả thuyết sai thì phải điều chỉnh.",
        ),
        "math": [r"\text{Sai số tuyệt đối: } \Delta A = |A - \overline{A}|"],
        "example": (
            "Galilei và sự rơi",
            "Bằng thí nghiệm thả vật trên mặt phẳng nghiêng, Galilei chỉ ra rằng khi bỏ qua sức cản không khí, mọi vật rơi nhanh như nhau, trái với quan niệm của Aristotle.",
        ),
    },
    "vat-ly-10-c02-b01": {
        "summary": "Phân biệt độ dịch chuyển với quãng đường đi được; tổng hợp độ dịch chuyển.",
        "intro": r"Quãng đường đi được cho biết vật đi được bao xa, còn độ dịch chuyển \(\vec d\) cho biết vị trí cuối cách vị trí đầu bao nhiêu và theo hướng nào.",
        "definition": (
            "Độ dịch chuyển",
            r"Độ dịch chuyển là một đại lượng vectơ, có gốc tại vị trí đầu và ngọn tại vị trí cuối của vật. Trên trục \(Ox\): \(d = x_2 - x_1\).",
        ),
        "math": [r"\vec d = \vec d_1 + \vec d_2", r"d = x_2 - x_1"],
        "example": (
            "Ví dụ",
            r"Một bạn đi từ nhà đến trường 3 km về phía đông rồi quay về hiệu sách 1 km về phía tây. Quãng đường đi được là \(4\) km, độ dịch chuyển là \(2\) km về phía đông.",
        ),
    },
    "vat-ly-10-c02-b02": {
        "summary": "Tốc độ trung bình, vận tốc trung bình, tốc độ tức thời và tổng hợp vận tốc.",
        "intro": r"Tốc độ trung bình \(v = \dfrac{s}{t}\) cho biết vật chuyển động nhanh hay chậm; vận tốc \(\vec v = \dfrac{\vec d}{t}\) cho biết cả hướng của chuyển động.",
        "definition": (
            "Vận tốc",
            r"Vận tốc trung bình là thương số giữa độ dịch chuyển và thời gian thực hiện độ dịch chuyển đó; đơn vị trong hệ SI là m/s.",
        ),
        "math": [r"\vec v_{1,3} = \vec v_{1,2} + \vec v_{2,3}"],
        "example": (
            "Thuyền qua sông",
            r"Thuyền đi với vận tốc \(4\) m/s so với nước, vuông góc với dòng nước chảy \(3\) m/s. Vận tốc của thuyền so với bờ có độ lớn \(\sqrt{4^2 + 3^2} = 5\) m/s.",
        ),
        "video": "Thí nghiệm đo tốc độ bằng cổng quang điện",
    },
    "vat-ly-10-c02-b06": {
        "summary": "Chuyển động thẳng biến đổi đều: gia tốc, vận tốc, độ dịch chuyển và đồ thị.",
        "intro": r"Khi vận tốc của vật tăng hoặc giảm đều theo thời gian, gia tốc \(a\) không đổi và vật chuyển động thẳng biến đổi đều.",
        "definition": (
            "Gia tốc",
            r"Gia tốc \(a = \dfrac{\Delta v}{\Delta t}\) cho biết độ biến thiên vận tốc trong một đơn vị thời gian; đơn vị m/s².",
        ),
        "math": [
            r"v = v_0 + at",
            r"d = v_0 t + \frac{1}{2}at^2",
            r"v^2 - v_0^2 = 2ad",
        ],
        "example": (
            "Xe hãm phanh",
            r"Ô tô đang chạy \(15\) m/s thì hãm phanh, chuyển động chậm dần đều với \(a = -3\) m/s². Xe dừng sau \(t = 5\) s và đi thêm được \(d = \dfrac{0 - 15^2}{2\cdot(-3)} = 37{,}5\) m.",
        ),
        "scope": SharingScope.PROVINCE,
    },
    "hoa-hoc-10-c01-b01": {
        "summary": "Thành phần nguyên tử: proton, neutron, electron; kích thước và khối lượng nguyên tử.",
        "intro": r"Nguyên tử gồm hạt nhân mang điện dương ở tâm và lớp vỏ electron mang điện âm. Đường kính nguyên tử khoảng \(10^{-10}\) m, lớn hơn hạt nhân khoảng \(10^4\) đến \(10^5\) lần.",
        "definition": (
            "Các hạt cơ bản",
            "Proton (p) mang điện tích +1, neutron (n) không mang điện, cùng nằm trong hạt nhân; electron (e) mang điện tích −1, chuyển động quanh hạt nhân. Nguyên tử trung hoà điện nên số p bằng số e.",
        ),
        "math": [
            r"m_p \approx m_n \approx 1\ \text{amu},\qquad m_e \approx \frac{1}{1836}\ \text{amu}"
        ],
        "example": (
            "Ví dụ",
            "Nguyên tử sodium có 11 proton và 12 neutron nên có 11 electron và số khối A = 11 + 12 = 23.",
        ),
    },
    "hoa-hoc-10-c01-b02": {
        "summary": "Nguyên tố hoá học, số hiệu nguyên tử, số khối, kí hiệu nguyên tử và đồng vị.",
        "intro": r"Các nguyên tử có cùng số proton thuộc cùng một nguyên tố hoá học. Kí hiệu nguyên tử \({}^{A}_{Z}X\) cho biết số khối \(A\) và số hiệu nguyên tử \(Z\).",
        "definition": (
            "Đồng vị",
            "Đồng vị là những nguyên tử của cùng một nguyên tố có cùng số proton nhưng khác số neutron, do đó khác số khối.",
        ),
        "math": [r"A = Z + N", r"\overline{A} = \frac{A_1 x_1 + A_2 x_2}{100}"],
        "example": (
            "Nguyên tử khối trung bình của chlorine",
            r"Chlorine gồm \(75{,}77\%\ {}^{35}\text{Cl}\) và \(24{,}23\%\ {}^{37}\text{Cl}\), nên \(\overline{A} = \dfrac{35\cdot 75{,}77 + 37\cdot 24{,}23}{100} \approx 35{,}48\).",
        ),
    },
    "hoa-hoc-10-c01-b03": {
        "summary": "Lớp, phân lớp, orbital nguyên tử; cấu hình electron và đặc điểm lớp electron ngoài cùng.",
        "intro": "Electron được sắp xếp thành các lớp (n = 1, 2, 3, …) và phân lớp s, p, d, f. Mỗi orbital chứa tối đa hai electron có chiều tự quay ngược nhau.",
        "definition": (
            "Cấu hình electron",
            "Cấu hình electron biểu diễn sự phân bố electron trên các phân lớp theo thứ tự năng lượng tăng dần: 1s 2s 2p 3s 3p 4s 3d 4p …",
        ),
        "math": [r"1s^2\,2s^2\,2p^6\,3s^2\,3p^6\,4s^1 \quad (\text{K},\ Z = 19)"],
        "example": (
            "Ví dụ",
            "Nguyên tử oxygen (Z = 8) có cấu hình 1s²2s²2p⁴, lớp ngoài cùng có 6 electron nên oxygen là phi kim.",
        ),
        "tip": "Nguyên tử có 1, 2, 3 electron lớp ngoài cùng thường là kim loại; có 5, 6, 7 electron thường là phi kim.",
        "scope": SharingScope.PROVINCE,
    },
    "ngu-van-10-c01-b01": {
        "summary": "Đọc hiểu thần thoại Việt Nam về các vị thần sáng tạo thế giới.",
        "intro": "Thần thoại là loại truyện cổ sớm nhất, phản ánh cách người xưa hình dung và giải thích nguồn gốc trời đất, muôn loài và đời sống con người.",
        "definition": (
            "Đặc trưng của thần thoại",
            "Cốt truyện đơn giản, nhân vật là các vị thần có sức mạnh phi thường; không gian vũ trụ rộng lớn, thời gian quá khứ xa xưa không xác định.",
        ),
        "math": [],
        "example": (
            "Gợi ý đọc hiểu",
            "Tìm những chi tiết cho thấy sức mạnh của thần Trụ Trời khi đào đất, đắp cột chống trời; từ đó nhận xét cách người xưa giải thích việc hình thành núi non, sông biển.",
        ),
    },
    "lich-su-12-c01-b01": {
        "summary": "Liên hợp quốc: sự thành lập, mục tiêu, nguyên tắc hoạt động và vai trò.",
        "intro": "Hội nghị San Phran-xi-xcô (từ tháng 4 đến tháng 6 năm 1945) thông qua Hiến chương Liên hợp quốc; tổ chức chính thức ra đời ngày 24/10/1945.",
        "definition": (
            "Mục tiêu của Liên hợp quốc",
            "Duy trì hoà bình và an ninh thế giới; phát triển quan hệ hữu nghị giữa các dân tộc trên cơ sở tôn trọng quyền bình đẳng và quyền tự quyết; hợp tác quốc tế giải quyết các vấn đề kinh tế, xã hội, văn hoá, nhân đạo.",
        ),
        "math": [],
        "example": (
            "Việt Nam và Liên hợp quốc",
            "Việt Nam trở thành thành viên thứ 149 của Liên hợp quốc ngày 20/9/1977 và hai lần là Uỷ viên không thường trực Hội đồng Bảo an (2008–2009, 2020–2021).",
        ),
    },
}
LESSONS |= _load("lessons-12.yaml")  # grade 12, the 2025 exam year
TOPIC_DOCUMENTS = [
    ("Chuyên đề: Phương trình quy về phương trình bậc hai", "toan", 10),
    ("Chuyên đề: Bài toán thực tế về hệ bất phương trình bậc nhất hai ẩn", "toan", 10),
    ("Chuyên đề: Định luật bảo toàn cơ năng và bài tập vận dụng", "vat-ly", 10),
    ("Chuyên đề: Cân bằng phản ứng oxi hoá – khử", "hoa-hoc", 10),
    ("Chuyên đề: Xác suất có điều kiện và công thức Bayes", "toan", 12),
    ("Chuyên đề: Nguyên hàm, tích phân và ứng dụng", "toan", 12),
    ("Chuyên đề: Đọc hiểu văn bản thần thoại và sử thi", "ngu-van", 10),
    ("Chuyên đề: Viết bài văn nghị luận xã hội", "ngu-van", 10),
]
TOAN10_EXTRA = ["toan-10-c04-b01", "toan-10-c04-b02", "toan-10-c05-b02", "toan-10-c08-b01"]

ELECTURES = [
    {
        "lesson": "toan-10-c06-b02",
        "title": "Bài giảng điện tử: Hàm số bậc hai và đồ thị",
        "minutes": 30,
        "summary": "Ba phần ngắn về hàm số bậc hai: khái niệm, đồ thị parabol và một bài toán thực tế.",
        "objectives": [
            "Nhận biết hàm số bậc hai và các hệ số a, b, c.",
            "Xác định đỉnh, trục đối xứng và vẽ được parabol.",
            "Vận dụng vào bài toán cổng parabol.",
        ],
        "notes": [
            "Chú ý điều kiện a ≠ 0.",
            "Ghi lại toạ độ đỉnh của ba parabol trong bài.",
            "Xem video rồi tự làm lại bài toán với cổng cao 6 m.",
        ],
        "sections": [
            (
                "Khái niệm hàm số bậc hai",
                "pdf",
                [
                    "Hàm số bậc hai là hàm số cho bởi công thức y = ax² + bx + c, trong đó a, b, c là các số thực và a khác 0. Tập xác định là ℝ.",
                    "Ví dụ: y = 2x² − 3x + 1 có a = 2, b = −3, c = 1. Hàm số y = 3x − 5 không phải hàm số bậc hai vì a = 0.",
                    "Bảng giá trị của y = x² − 2x: x = −1, 0, 1, 2, 3 cho y = 3, 0, −1, 0, 3. Các giá trị đối xứng qua x = 1.",
                ],
            ),
            (
                "Đồ thị hàm số bậc hai là một parabol",
                "images",
                [
                    ("Đỉnh và trục đối xứng", ["Đỉnh I(−b/2a; −Δ/4a)", "Trục đối xứng x = −b/2a"]),
                    ("Bề lõm của parabol", ["a > 0: bề lõm quay lên", "a < 0: bề lõm quay xuống"]),
                    ("Các bước vẽ", ["Xác định đỉnh", "Vẽ trục đối xứng", "Lấy các điểm đối xứng"]),
                ],
            ),
            ("Ứng dụng: cổng hình parabol", "video", "Đo chiều cao cổng hình parabol"),
        ],
    },
    {
        "lesson": "vat-ly-10-c02-b06",
        "title": "Bài giảng điện tử: Chuyển động thẳng biến đổi đều",
        "minutes": 25,
        "summary": "Gia tốc, các phương trình của chuyển động thẳng biến đổi đều và đồ thị vận tốc – thời gian.",
        "objectives": [
            "Nêu được định nghĩa gia tốc.",
            "Vận dụng các công thức v = v₀ + at và d = v₀t + at²/2.",
        ],
        "notes": ["Đơn vị gia tốc là m/s².", "Diện tích dưới đồ thị v – t là độ dịch chuyển."],
        "sections": [
            (
                "Gia tốc và vận tốc",
                "images",
                [
                    ("Gia tốc", ["a = Δv / Δt", "Đơn vị: m/s²"]),
                    (
                        "Vận tốc",
                        ["v = v₀ + at", "a cùng dấu v: nhanh dần", "a ngược dấu v: chậm dần"],
                    ),
                ],
            ),
            (
                "Độ dịch chuyển và đồ thị",
                "pdf",
                [
                    "Độ dịch chuyển trong chuyển động thẳng biến đổi đều: d = v₀t + at²/2.",
                    "Công thức liên hệ không chứa thời gian: v² − v₀² = 2ad.",
                    "Đồ thị vận tốc – thời gian là một đoạn thẳng; độ dốc của nó bằng gia tốc.",
                ],
            ),
        ],
    },
    {
        "lesson": "hoa-hoc-10-c01-b03",
        "title": "Bài giảng điện tử: Cấu trúc lớp vỏ electron nguyên tử",
        "minutes": 20,
        "summary": "Lớp, phân lớp, orbital và cách viết cấu hình electron của 20 nguyên tố đầu tiên.",
        "objectives": [
            "Trình bày được khái niệm orbital nguyên tử.",
            "Viết được cấu hình electron của nguyên tử có Z ≤ 20.",
        ],
        "notes": [
            "Mỗi orbital chứa tối đa 2 electron.",
            "Học thuộc thứ tự mức năng lượng 1s 2s 2p 3s 3p 4s 3d.",
            "Quan sát thí nghiệm thử màu ngọn lửa.",
        ],
        "sections": [
            (
                "Lớp và phân lớp electron",
                "pdf",
                [
                    "Các electron có năng lượng gần bằng nhau thuộc cùng một lớp; lớp n chứa tối đa 2n² electron.",
                    "Phân lớp s chứa tối đa 2 electron, p chứa 6, d chứa 10 và f chứa 14 electron.",
                ],
            ),
            (
                "Cấu hình electron",
                "images",
                [
                    ("Thứ tự năng lượng", ["1s 2s 2p 3s 3p 4s 3d 4p"]),
                    ("Ví dụ", ["O (Z = 8): 1s² 2s² 2p⁴", "Na (Z = 11): 1s² 2s² 2p⁶ 3s¹"]),
                ],
            ),
            ("Thí nghiệm thử màu ngọn lửa", "video", "Màu ngọn lửa của muối sodium, potassium"),
        ],
    },
]

EXAM = _load("de-thi-thu-toan-2025.yaml")
PDF_FILES = [
    (
        "Phiếu học tập: Mệnh đề và tập hợp (Toán 10)",
        "toan",
        10,
        ["toan-10-c01-b01", "toan-10-c01-b02"],
        3,
        [
            "Phiếu học tập dùng cho tiết luyện tập Chương I. Học sinh làm việc theo nhóm bốn người trong 20 phút, sau đó đại diện nhóm trình bày.",
            "Câu 1. Trong các câu sau, câu nào là mệnh đề? Xét tính đúng sai: a) Số 15 chia hết cho 3; b) Hôm nay trời đẹp quá!; c) Phương trình x² + 1 = 0 có nghiệm thực.",
            "Câu 2. Phát biểu mệnh đề phủ định của mệnh đề “Mọi số thực đều có bình phương không âm” và cho biết mệnh đề phủ định đúng hay sai.",
            "Câu 3. Cho A = {1; 2; 3; 4; 6} và B = {2; 4; 6; 8}. Xác định A ∩ B, A ∪ B, A \\ B và B \\ A.",
            "Câu 4. Lớp 10A1 có 40 học sinh, 25 em thích bóng đá, 18 em thích cầu lông và 8 em thích cả hai môn. Có bao nhiêu em không thích môn nào?",
            "Ghi nhớ: số phần tử của hợp hai tập hữu hạn bằng tổng số phần tử của mỗi tập trừ đi số phần tử của phần giao.",
        ],
    ),
    (
        "Chuyên đề: Hàm số bậc hai và ứng dụng thực tiễn",
        "toan",
        10,
        ["toan-10-c06-b02", "toan-10-c06-b03"],
        4,
        [
            "Phần 1. Hàm số y = ax² + bx + c (a ≠ 0) có đồ thị là parabol với đỉnh I(−b/2a; −Δ/4a) và trục đối xứng x = −b/2a.",
            "Phần 2. Khi a > 0, hàm số nghịch biến trên (−∞; −b/2a) và đồng biến trên (−b/2a; +∞); giá trị nhỏ nhất là −Δ/4a.",
            "Phần 3. Bài toán cổng trường: cổng hình parabol rộng 8 m, cao 6 m. Chọn hệ trục có gốc ở chân cổng để lập phương trình parabol.",
            "Phần 4. Bài toán doanh thu: giá vé 50 nghìn đồng thì bán được 300 vé; mỗi lần giảm 5 nghìn đồng bán thêm 50 vé. Tìm giá vé để doanh thu lớn nhất.",
            "Phần 5. Bài tập tự luyện có đáp số ở cuối tài liệu, xếp theo mức độ nhận biết, thông hiểu, vận dụng.",
        ],
    ),
    (
        "Tóm tắt công thức Vật lí 10: Động học",
        "vat-ly",
        10,
        ["vat-ly-10-c02-b01", "vat-ly-10-c02-b02", "vat-ly-10-c02-b06"],
        2,
        [
            "Độ dịch chuyển d = x₂ − x₁; tốc độ trung bình v = s/t; vận tốc trung bình v = d/t.",
            "Công thức cộng vận tốc: v₁₃ = v₁₂ + v₂₃ (cộng vectơ).",
            "Chuyển động thẳng biến đổi đều: a = Δv/Δt; v = v₀ + at; d = v₀t + at²/2; v² − v₀² = 2ad.",
            "Rơi tự do: v = gt; h = gt²/2 với g ≈ 9,8 m/s².",
        ],
    ),
    (
        "Sổ tay Hoá học 10: Cấu tạo nguyên tử và bảng tuần hoàn",
        "hoa-hoc",
        10,
        ["hoa-hoc-10-c01-b01", "hoa-hoc-10-c01-b02", "hoa-hoc-10-c01-b03"],
        3,
        [
            "Nguyên tử gồm hạt nhân (proton, neutron) và vỏ electron. Số khối A = Z + N.",
            "Đồng vị là các nguyên tử cùng số proton, khác số neutron. Nguyên tử khối trung bình tính theo phần trăm số nguyên tử của mỗi đồng vị.",
            "Cấu hình electron viết theo thứ tự mức năng lượng 1s 2s 2p 3s 3p 4s 3d 4p.",
            "Bảng tuần hoàn gồm 7 chu kì và các nhóm A, B; số thứ tự nhóm A bằng số electron lớp ngoài cùng.",
        ],
    ),
    (
        EXAM["title"],
        "toan",
        12,
        ["toan-12-c01-b01", "toan-12-c01-b02", "toan-12-c04-b01", "toan-12-c04-b02"],
        4,
        exam_paragraphs(EXAM),
    ),
    (
        "Đề cương ôn tập giữa học kì I – Ngữ văn 10: Thần thoại và truyện kể",
        "ngu-van",
        10,
        ["ngu-van-10-c01-b01"],
        2,
        [
            "I. Đọc hiểu: đặc trưng của thần thoại (cốt truyện, nhân vật, không gian, thời gian); truyện truyền kì và truyện ngắn hiện đại.",
            "II. Thực hành tiếng Việt: từ Hán Việt, nghĩa của các yếu tố Hán Việt thường gặp.",
            "III. Viết: bài nghị luận phân tích, đánh giá chủ đề và nét đặc sắc nghệ thuật của một tác phẩm truyện.",
        ],
    ),
]

EPUB_FILES = [
    (
        "Thần thoại và truyền thuyết Việt Nam (tuyển chọn)",
        "ngu-van",
        10,
        ["ngu-van-10-c01-b01"],
        [
            (
                "Thần Trụ Trời",
                "Thuở ấy trời đất còn là một vùng hỗn độn, tối tăm.\nThần Trụ Trời đào đất, đắp đá thành một cột to và cao để chống trời lên.\nKhi trời đã cao, thần phá cột, ném đá đi khắp nơi thành núi non, gò đống.",
            ),
            (
                "Sơn Tinh, Thuỷ Tinh",
                "Vua Hùng kén rể cho công chúa Mị Nương.\nSơn Tinh đem sính lễ đến trước nên cưới được vợ.\nThuỷ Tinh đến sau, nổi giận dâng nước đánh Sơn Tinh; năm nào cũng vậy, nên có mùa lũ.",
            ),
        ],
    ),
    (
        "Sổ tay Lịch sử 12: Liên hợp quốc và trật tự thế giới",
        "lich-su",
        12,
        ["lich-su-12-c01-b01", "lich-su-12-c01-b02", "lich-su-12-c01-b03"],
        [
            (
                "Liên hợp quốc",
                "Hiến chương Liên hợp quốc được thông qua tại Hội nghị San Phran-xi-xcô năm 1945.\nLiên hợp quốc chính thức ra đời ngày 24 tháng 10 năm 1945.\nViệt Nam gia nhập Liên hợp quốc năm 1977.",
            ),
            (
                "Trật tự hai cực I-an-ta",
                "Hội nghị I-an-ta (tháng 2 năm 1945) phân chia phạm vi ảnh hưởng giữa Liên Xô và Mỹ.\nTrật tự hai cực tan rã năm 1991 khi Liên Xô sụp đổ.",
            ),
        ],
    ),
]

IMAGES = [
    ("Lược đồ chiến dịch Điện Biên Phủ (1954)", "lich-su", 12, 3),
    ("Lược đồ cuộc Tổng tiến công và nổi dậy Xuân 1975", "lich-su", 12, 3),
    ("Bản đồ các nước thành viên ASEAN", "lich-su", 12, 2),
    ("Sơ đồ hệ thống tổ chức của Liên hợp quốc", "lich-su", 12, 1),
    ("Bản đồ thế giới thời kì Chiến tranh lạnh", "lich-su", 12, 1),
    ("Sơ đồ tư duy: Mệnh đề và tập hợp", "toan", 10, 1),
    ("Sơ đồ tư duy: Vectơ", "toan", 10, 4),
    ("Đồ thị hàm số bậc hai y = ax² + bx + c", "toan", 10, 6),
    ("Sơ đồ cấu tạo nguyên tử", "hoa-hoc", 10, 1),
    ("Bảng tuần hoàn các nguyên tố hoá học", "hoa-hoc", 10, 2),
    ("Sơ đồ các loại liên kết hoá học", "hoa-hoc", 10, 3),
    ("Sơ đồ tư duy: Động học", "vat-ly", 10, 2),
    ("Sơ đồ lực tác dụng lên vật trên mặt phẳng nghiêng", "vat-ly", 10, 3),
    ("Sơ đồ tư duy: Thần thoại Việt Nam", "ngu-van", 10, 1),
]

LINKS = [
    (
        "Cổng thông tin điện tử Bộ Giáo dục và Đào tạo",
        "https://moet.gov.vn",
        "vi",
        "Văn bản, thông báo và tin tức của Bộ GD&ĐT.",
    ),
    (
        "Thư viện số – Sở GD&ĐT Ninh Bình",
        LIBRARY_URL,
        "vi",
        "Thư viện số dùng chung của các trường trong tỉnh.",
    ),
    (
        "Kho học liệu số ngành Giáo dục – igiaoduc.vn",
        "https://igiaoduc.vn",
        "vi",
        "Bài giảng, học liệu số và sách điện tử của ngành Giáo dục.",
    ),
    (
        "Sách điện tử Hành trang số – NXB Giáo dục Việt Nam",
        "https://hanhtrangso.nxbgd.vn",
        "vi",
        "Đọc sách giáo khoa điện tử bộ Kết nối tri thức và Chân trời sáng tạo.",
    ),
    (
        "Học liệu điện tử bộ sách Cánh Diều – hoc10.vn",
        "https://hoc10.vn",
        "vi",
        "Sách điện tử và học liệu của bộ sách Cánh Diều.",
    ),
    (
        "Thư viện số – Thư viện Quốc gia Việt Nam",
        "https://nlv.gov.vn",
        "vi",
        "Tra cứu và đọc tài liệu số hoá của Thư viện Quốc gia.",
    ),
    (
        "Chương trình giáo dục phổ thông 2018 – Bộ GD&ĐT",
        "https://moet.gov.vn/chuong-trinh-gdpt-2018",
        "vi",
        "Chương trình tổng thể và chương trình các môn học.",
    ),
    (
        "Cổng thông tin thi tốt nghiệp THPT – Bộ GD&ĐT",
        "https://thisinh.thitotnghiepthpt.edu.vn",
        "vi",
        "Đăng kí dự thi và tra cứu thông tin kì thi tốt nghiệp THPT.",
    ),
    (
        "LearnEnglish Teens – British Council",
        "https://learnenglishteens.britishcouncil.org",
        "en",
        "Free English practice for teenagers: grammar, vocabulary, listening.",
    ),
    (
        "GeoGebra – Dynamic Mathematics",
        "https://www.geogebra.org",
        "en",
        "Vẽ đồ thị, hình học động; dùng trong các bài thực hành Toán THPT.",
    ),
]

COMMENTS = [
    "Tài liệu rất dễ hiểu, em đã ôn được phần này trước buổi kiểm tra.",
    "Phần ví dụ minh hoạ rõ ràng, mong thầy cô bổ sung thêm bài tập vận dụng cao.",
    "Cảm ơn thầy cô, nội dung bám sát chương trình và đề kiểm tra cuối kì.",
    "Video ngắn gọn, dễ theo dõi, em xem lại được nhiều lần trên điện thoại.",
    "Hình ảnh rõ nét, dùng tốt khi ôn tập và khi chiếu trên lớp.",
    "Sách trình bày đẹp, có nhiều câu hỏi gợi mở.",
    "Em mong có thêm lời giải chi tiết cho các câu trắc nghiệm.",
    "Tôi đã dùng tài liệu này cho lớp 10A1, học sinh làm bài rất tích cực.",
    "Chuyên đề hữu ích cho đội tuyển học sinh giỏi của trường.",
    "Bài học có câu hỏi luyện tập ngay trong bài nên em nhớ lâu hơn.",
]
