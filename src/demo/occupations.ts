/**
 * Occupation profiles for the demo data: which KECO 2018 detailed occupations are in demand and
 * how their postings read. The hand-written profiles carry most of the weight (care, cleaning,
 * driving, production, office, sales and food service dominate public job-centre postings);
 * every other detailed occupation gets a small weight and a generic profile so that all codes
 * occur. Weights fall off roughly like Zipf's law.
 * @module
 */
import { listCodes } from '../codes/codes.ts';
import { mapOccupation } from '../codes/occupations.ts';
import { Weighted } from './rng.ts';

/** Wage median per wage type and how often each type is used. */
export interface WageProfile {
  readonly H?: number;
  readonly D?: number;
  readonly M?: number;
  readonly Y?: number;
  /** share of postings using each type, in the order H, D, M, Y */
  readonly mix: readonly [number, number, number, number];
}

/** How postings for one occupation look. */
export interface OccupationProfile {
  readonly code: string;
  readonly name: string;
  readonly weight: number;
  /** company kind for names (names.ts KIND_SUFFIX) */
  readonly kind: string;
  /** KSIC divisions of the employers that post it */
  readonly ksic: readonly string[];
  readonly wage: WageProfile;
  readonly titles: readonly string[];
  readonly duties: readonly string[];
  readonly certs: readonly string[];
  readonly keywords: readonly string[];
  /** most common minimum education (Worknet code) */
  readonly edu: string;
}

const H = (h: number, mShare = 0, m = 0): WageProfile => ({
  H: h,
  M: m || Math.round(h * 209 * 1.02),
  mix: [1 - mShare, 0, mShare, 0],
});
const M = (m: number, yShare = 0, y = 0): WageProfile => ({
  M: m,
  Y: y || m * 13,
  mix: [0, 0, 1 - yShare, yShare],
});

// code, weight, kind, KSIC divisions, wage (H median [monthly share] [monthly median] | M median
// [yearly share] [yearly median] | D median daily-share monthly-median), titles, duties,
// certificates (- for none), keywords, education; lists are separated by |.
const RAW = `
5501	100	care	87|86	H 10800 0.5 2350000	요양보호사 모집(주5일, 4대보험)|재가 요양보호사 구인(시간제)|요양원 요양보호사 채용(3교대)|주야간보호센터 요양보호사 모집	어르신 식사·목욕·이동 보조 등 일상생활 지원 업무를 담당합니다.|입소 어르신의 신체활동 지원과 정서 지원을 합니다.|요양보호사 자격증 소지자를 우대하며 초보자도 교육 후 근무할 수 있습니다.|근무 시간은 협의 가능하며 경력자는 급여를 우대합니다.	요양보호사	요양|돌봄|간병|시간제	00
5611	85	clean	74|55|86	H 10500 0.45 2200000	건물 미화원 모집(오전 근무)|아파트 청소원 구인(주5일)|병원 환경미화 직원 채용|상가 청소 시간제 직원 모집	사무실과 공용 공간의 청소 및 분리수거 업무를 합니다.|계단, 복도, 화장실 등 건물 내부를 청결하게 관리합니다.|오전 6시부터 근무하며 점심이 제공됩니다.|고령자도 지원 가능하며 장기 근무자를 우대합니다.	-	청소|미화|환경|오전	00
6223	70	logistics	49|52	M 3300000 0.1	5톤 화물차 운전기사 모집|1톤 탑차 배송기사 채용(지입 아님)|지게차 겸 화물차 운전원 구인|대형 화물 운전기사(1종 대형)	거래처 물품 배송 및 상하차 업무를 담당합니다.|정해진 노선을 따라 납품처에 제품을 운송합니다.|1종 보통 이상 운전면허가 필요하며 경력자를 우대합니다.|차량은 회사에서 제공하며 유류비는 회사가 부담합니다.	1종 보통 운전면허|1종 대형 운전면허	운전|배송|화물|상하차	00
8900	75	factory	25|22|29|10|26	H 10600 0.55 2300000	생산직 사원 모집(주간 고정)|포장 및 단순조립 생산직 채용|제조업 생산직 신입 모집(기숙사 제공)|부품 검사·포장 작업자 구인	생산 라인에서 제품 조립과 포장 작업을 합니다.|완제품 외관 검사 및 박스 포장 업무를 담당합니다.|초보자도 가능하며 작업 교육을 해 드립니다.|주간 근무이며 잔업 시 수당을 지급합니다.	-	생산직|포장|조립|주간	00
0295	60	office	75|46|70|86	M 2400000	사무보조 직원 모집(주5일)|문서 작성 및 자료 입력 사무원 채용|행정 사무보조 단기 채용|전산 입력 사무원 구인	문서 작성, 자료 입력, 전화 응대 등 사무 보조 업무를 합니다.|엑셀과 한글을 이용한 자료 정리 업무를 담당합니다.|컴퓨터 활용 능력이 있으면 우대합니다.|주 5일 근무이며 4대보험에 가입합니다.	컴퓨터활용능력 2급|워드프로세서	사무보조|엑셀|한글|문서	03
0272	45	office	46|25|41|75	M 2700000	경리 사무원 모집(전산회계 가능자)|경리·회계 담당 채용|세무회계 사무실 경리 직원 구인	매입·매출 전표 처리와 급여 업무를 담당합니다.|더존 프로그램을 이용한 회계 처리를 합니다.|전산회계 자격증 소지자를 우대합니다.|경력자는 경력에 따라 급여를 협의합니다.	전산회계 2급|전산회계 1급|컴퓨터활용능력 2급	경리|회계|더존|세무	03
6151	50	retail	47	H 10500 0.4 2300000	매장 판매사원 모집(주5일)|마트 판매 직원 채용|생활용품 매장 판매원 구인(시간제)	매장 상품 진열과 고객 응대, 계산 업무를 합니다.|재고 정리 및 매장 관리 업무를 함께 담당합니다.|판매 경험이 있으면 우대합니다.|주말 근무가 가능한 분을 찾습니다.	-	판매|매장|진열|고객응대	00
6161	30	retail	47	H 10400	마트 계산원 모집(오후 시간제)|편의점 근무자 구인|매장 캐셔 채용	계산대에서 상품 계산과 포인트 적립 업무를 합니다.|매장 정리와 상품 진열을 함께 합니다.|초보자도 가능하며 교육을 합니다.	-	계산원|캐셔|마트|시간제	00
5323	45	food	56|10	H 10600 0.35 2300000	주방보조 모집(주5일)|한식당 주방 보조 직원 채용|단체급식 조리보조 구인(중식 제공)	식재료 손질, 설거지, 주방 정리 업무를 합니다.|단체급식소에서 배식과 조리 보조를 담당합니다.|초보자도 가능하며 식사가 제공됩니다.	-	주방보조|조리보조|급식|설거지	00
5322	35	food	56	H 10600	홀서빙 직원 모집(주말 가능자)|음식점 홀 직원 채용|카페 홀서빙 시간제 구인	손님 응대와 주문, 서빙, 테이블 정리 업무를 합니다.|점심 시간대 근무 가능한 분을 우대합니다.|밝고 친절한 분을 찾습니다.	-	홀서빙|서빙|음식점|주말	00
5312	30	food	56	M 2900000	한식 조리사 모집(경력 2년 이상)|단체급식 조리사 채용|식당 조리 실장 구인	한식 메뉴 조리와 식자재 관리를 담당합니다.|위생 기준에 맞추어 급식을 조리합니다.|한식조리기능사 자격증 소지자를 우대합니다.	한식조리기능사	조리사|한식|급식|조리	00
5420	45	security	74|68	M 2350000	아파트 경비원 모집(격일제)|건물 관리원 채용|상가 경비원 구인(24시간 교대)	출입 통제와 순찰, 택배 관리 업무를 합니다.|건물 시설 점검과 주차 관리를 담당합니다.|신중년·고령자 지원을 환영합니다.	경비지도사	경비|관리원|격일제|순찰	00
6244	35	logistics	52|49	H 10800 0.4 2500000	물류센터 상하차 직원 모집|택배 분류 작업자 채용(야간)|물류 입출고 작업원 구인	물류센터에서 상품 입고, 분류, 출고 작업을 합니다.|택배 물품을 분류하고 차량에 적재합니다.|야간 근무 시 수당을 지급합니다.	-	물류|상하차|분류|야간	00
6230	25	logistics	52|25|29	M 3000000	지게차 운전원 모집(경력자 우대)|창고 지게차 기사 채용|지게차 상하차 작업원 구인	창고 내 자재 운반과 상하차를 지게차로 합니다.|입출고 물량을 확인하고 적재 위치를 관리합니다.|지게차운전기능사 자격증이 필요합니다.	지게차운전기능사	지게차|물류|창고|상하차	00
8241	25	factory	25|24|29|31	M 3600000	CO2 용접원 모집(경력)|용접공 채용(알곤·CO2)|제관 용접 기술자 구인	철구조물과 배관 용접 작업을 합니다.|도면을 보고 CO2·알곤 용접을 합니다.|용접기능사 자격증 소지자를 우대합니다.	용접기능사|특수용접기능사	용접|CO2|알곤|제관	00
8132	25	factory	29|25|30	M 3200000	CNC 선반 가공원 신입/경력|MCT 가공 오퍼레이터 모집|정밀가공 CNC 작업자 채용	CNC 선반과 MCT로 금속 부품을 가공합니다.|가공 프로그램을 불러와 세팅하고 치수를 검사합니다.|경력자는 급여를 우대하며 신입은 교육합니다.	컴퓨터응용선반기능사|기계가공조립기능사	CNC|선반|MCT|가공	03
8172	20	factory	30	M 3100000	자동차 부품 조립원 모집|자동차 부품 생산직 채용(2교대)|부품 조립 라인 작업자 구인	자동차 부품을 조립하고 품질을 확인합니다.|라인에서 부품 체결과 검사를 담당합니다.|2교대 근무이며 통근버스를 운행합니다.	-	자동차부품|조립|2교대|생산직	00
8360	20	factory	26|28	H 10700 0.5 2400000	전자부품 조립원 모집|PCB 조립·검사 작업자 채용|전자제품 생산직 구인	전자부품을 조립하고 외관을 검사합니다.|현미경으로 기판 납땜 상태를 확인합니다.|꼼꼼한 분을 찾으며 초보자도 가능합니다.	-	전자부품|조립|검사|PCB	00
8859	20	factory	10|20|22	H 10600 0.5 2300000	포장기계 조작원 모집|식품 포장 라인 작업자 채용|포장 생산직 구인(주간)	포장기계를 조작하여 제품을 포장합니다.|라벨 부착과 포장 상태 검사를 합니다.|초보자도 가능합니다.	-	포장|기계조작|라벨|생산직	00
8729	15	factory	10	H 10500 0.5 2250000	식품 제조 생산직 모집|반찬 제조 직원 채용|식품 공장 작업자 구인	식품 원료 계량과 가공, 포장 업무를 합니다.|위생복을 착용하고 위생 기준을 지킵니다.|식사가 제공되며 초보자도 가능합니다.	-	식품|제조|생산직|위생	00
3075	25	medical	86	M 2500000	간호조무사 모집(외래)|요양병원 간호조무사 채용(3교대)|의원 간호조무사 구인	진료 보조와 환자 안내, 접수 업무를 합니다.|병동에서 활력징후 측정과 투약 보조를 합니다.|간호조무사 자격증이 필요합니다.	간호조무사	간호조무사|병원|의원|진료보조	03
3040	15	medical	86|87	M 3600000 0.2 45000000	간호사 모집(요양병원)|병동 간호사 채용|요양원 간호사 구인	병동 환자 간호와 투약 관리를 합니다.|입소 어르신 건강 관리와 기록을 담당합니다.|간호사 면허가 필요합니다.	간호사 면허	간호사|병동|요양병원|건강관리	04
2311	20	care	87|84	M 2800000	사회복지사 모집(정규직)|노인복지관 사회복지사 채용|재가센터 사회복지사 구인	복지 프로그램 기획과 운영, 사례 관리를 합니다.|이용자 상담과 서비스 연계를 담당합니다.|사회복지사 2급 이상 자격증이 필요합니다.	사회복지사 2급|사회복지사 1급	사회복지|사례관리|프로그램|상담	04
2321	15	edu	85|87	M 2450000	보육교사 모집(담임)|어린이집 보육교사 채용|연장반 보육교사 구인	영유아 보육과 놀이 지도, 생활 지도를 합니다.|보육 일지 작성과 부모 상담을 합니다.|보육교사 2급 이상 자격증이 필요합니다.	보육교사 2급	보육교사|어린이집|영유아|담임	04
0292	25	office	75|73|61	M 2600000	고객상담원 모집(인바운드)|콜센터 상담원 채용(교육비 지급)|CS 상담 직원 구인	고객 문의 전화 응대와 상담 내용 기록을 합니다.|주문·배송 문의에 대한 안내 업무를 합니다.|초보자도 가능하며 교육 기간에도 급여를 지급합니다.	-	상담원|콜센터|인바운드|CS	03
0283	20	office	46|52|25	M 2900000	자재·구매 담당자 모집|물류관리 사무원 채용|구매 사무직 구인	자재 발주와 입출고 관리, 재고 파악을 합니다.|ERP로 구매 요청을 처리하고 거래처와 협의합니다.|관련 경력자를 우대합니다.	물류관리사	구매|자재|ERP|물류관리	04
0284	15	factory	25|26|29|30	M 2900000	품질관리 사원 모집(QC)|생산관리 사무원 채용|품질검사 담당자 구인	수입·공정·출하 검사와 품질 기록 관리를 합니다.|생산 계획 수립과 실적 관리를 합니다.|품질 관련 자격증 소지자를 우대합니다.	품질경영산업기사	품질관리|QC|생산관리|검사	04
0261	15	office	46|47|58|73	M 3100000 0.3 38000000	마케팅 기획 사원 모집|온라인 마케팅 담당자 채용|영업기획 사무원 구인	마케팅 계획 수립과 실적 분석을 합니다.|온라인 채널 운영과 콘텐츠 기획을 담당합니다.|관련 경력 1년 이상을 우대합니다.	-	마케팅|기획|온라인|SNS	05
1332	15	it	62|63	M 3800000 0.6 45000000	응용 소프트웨어 개발자 채용(Java)|웹 서비스 백엔드 개발자 모집|SI 개발자 구인(경력)	Java·Spring 기반 업무 시스템을 개발합니다.|요구사항 분석부터 개발, 테스트까지 담당합니다.|관련 경력 3년 이상을 우대합니다.	정보처리기사	Java|Spring|개발자|SI	05
1333	10	it	62|63	M 3500000 0.6 40000000	웹 퍼블리셔·프론트엔드 개발자 모집|웹 개발자 채용(React)|홈페이지 유지보수 개발자 구인	웹 화면 개발과 유지보수를 합니다.|React 기반 프론트엔드를 개발합니다.|포트폴리오를 제출해 주십시오.	웹디자인기능사|정보처리기사	웹개발|React|프론트엔드|퍼블리셔	04
6121	15	retail	46|29|26	M 3000000 0.3 40000000	기술영업 사원 모집|산업용 장비 영업 담당 채용|B2B 영업사원 구인	거래처 관리와 신규 고객 발굴을 합니다.|제품 설명과 견적 작성, 납품 관리를 합니다.|운전 가능자를 우대합니다.	1종 보통 운전면허	영업|기술영업|B2B|거래처	04
6241	20	logistics	49|52	M 3200000	택배 배송기사 모집(차량 지원)|쿠팡 협력사 배송원 채용|택배 집배송 기사 구인	배정된 구역의 택배를 배송합니다.|물품 상차와 배송 완료 처리를 합니다.|1종 보통 운전면허가 필요합니다.	1종 보통 운전면허	택배|배송|기사|차량지원	00
6222	12	logistics	49	M 3400000	시내버스 운전원 모집|마을버스 운전기사 채용|통근버스 기사 구인	정해진 노선에 따라 버스를 운행합니다.|승객 안전과 차량 점검을 담당합니다.|1종 대형 운전면허와 버스운전자격증이 필요합니다.	1종 대형 운전면허|버스운전자격	버스|운전|노선|대형면허	00
6221	10	logistics	49	M 2800000	법인택시 운전원 모집|택시 기사 채용(사납금 없음)|택시 운전 기사 구인	택시를 운행하여 승객을 수송합니다.|교대 근무이며 완전 월급제입니다.|택시운전자격증이 필요합니다.	택시운전자격	택시|운전|교대|월급제	00
8124	12	factory	95|45	M 3100000	자동차 정비원 모집|정비사 채용(경력)|타이어·경정비 직원 구인	차량 점검과 부품 교환, 정비 업무를 합니다.|경정비와 타이어 교체를 담당합니다.|자동차정비기능사 자격증 소지자를 우대합니다.	자동차정비기능사	정비|자동차|경정비|타이어	03
8312	10	build	42	M 3500000	내선 전기공 모집|전기 시공 기술자 채용|건물 전기 설비 작업자 구인	건물 내 전기 배선과 설비 설치 작업을 합니다.|전기 도면을 보고 시공합니다.|전기기능사 자격증이 필요합니다.	전기기능사|전기산업기사	전기|배선|시공|설비	03
7060	15	build	41|42	D 160000 0.8 3300000	건설현장 일용직 모집|건설 현장 보조 인력 채용|건축 현장 잡부 구인	건설 현장 자재 운반과 정리 작업을 합니다.|현장 안전 수칙을 지키며 보조 업무를 합니다.|건설업 기초안전보건교육 이수증이 필요합니다.	건설업 기초안전보건교육	건설|일용직|현장|자재운반	00
9015	8	clean	74|01	H 10600 0.3 2300000	조경 관리원 모집|공원 녹지 관리 인력 채용|아파트 조경 작업원 구인	수목 전정과 잔디 관리, 제초 작업을 합니다.|공원 시설 점검과 녹지 관리를 담당합니다.|조경기능사 자격증 소지자를 우대합니다.	조경기능사	조경|녹지|제초|수목	00
5612	10	clean	38|84	M 2900000	환경미화원 모집(재활용 수거)|폐기물 수거원 채용|재활용품 선별 작업자 구인	생활 폐기물과 재활용품을 수거합니다.|선별장에서 재활용품을 분류합니다.|새벽 근무이며 체력이 좋은 분을 찾습니다.	-	환경미화|재활용|수거|새벽	00
5413	10	security	74	M 2500000	시설 경비원 모집(교대)|보안 요원 채용|공장 경비원 구인	시설 출입 통제와 순찰, CCTV 감시를 합니다.|교대 근무이며 야간 수당을 지급합니다.|경비 신임교육 이수자를 우대합니다.	일반경비원 신임교육	경비|보안|CCTV|교대	03
5616	10	care	96|97	H 11500	가사도우미 모집(시간제)|가사관리사 채용|아이돌봄 겸 가사 도우미 구인	가정 방문 청소와 정리, 세탁 등 가사 업무를 합니다.|원하는 시간대에 맞추어 근무할 수 있습니다.|경력자를 우대합니다.	-	가사|도우미|시간제|방문	00
5502	8	care	87|96	H 11000	아이돌보미 모집|육아 도우미 채용(등하원)|산후관리사 구인	아동 등하원과 놀이, 식사를 돌봅니다.|가정을 방문하여 아이를 돌봅니다.|관련 교육 이수자를 우대합니다.	-	아이돌봄|육아|등하원|돌봄	00
0291	10	office	86|55|75	M 2400000	안내·접수 직원 모집|병원 접수 직원 채용|데스크 안내원 구인	방문객 안내와 접수, 전화 응대를 합니다.|예약 관리와 수납 업무를 함께 합니다.|친절한 분을 찾습니다.	-	접수|안내|데스크|예약	03
5112	8	retail	96	M 2600000	헤어 디자이너 모집|미용실 스태프 채용|헤어 인턴 구인	커트와 펌, 염색 등 미용 시술을 합니다.|고객 상담과 매장 관리를 합니다.|미용사(일반) 자격증 소지자를 우대합니다.	미용사(일반)	미용|헤어|디자이너|스태프	03
8623	8	factory	14|13	M 2700000	봉제 미싱사 모집|재봉사 채용(경력)|의류 봉제 작업자 구인	공업용 미싱으로 의류를 봉제합니다.|샘플 작업과 수선을 함께 합니다.|경력자를 우대합니다.	-	미싱|봉제|재봉|의류	00
8711	8	food	10|56	M 2600000	제과·제빵원 모집|베이커리 제빵사 채용|생산 제빵 보조 구인	빵과 과자를 반죽, 성형, 굽기 합니다.|매장 진열과 재료 관리를 합니다.|제빵기능사 자격증 소지자를 우대합니다.	제빵기능사|제과기능사	제빵|제과|베이커리|반죽	00
1584	8	build	41|25|20	M 3600000 0.4 45000000	안전관리자 모집(건설현장)|산업안전 담당자 채용|보건·안전관리자 구인	현장 안전 점검과 안전 교육을 합니다.|위험성 평가와 안전 서류를 관리합니다.|산업안전기사 자격증이 필요합니다.	산업안전기사|건설안전기사	안전관리|산업안전|현장|교육	04
2314	5	office	75|84	M 2800000	직업상담사 모집|취업지원 상담원 채용|고용센터 상담원 구인	구직자 상담과 취업 알선 업무를 합니다.|상담 기록 작성과 사업장 발굴을 합니다.|직업상담사 2급 자격증 소지자를 우대합니다.	직업상담사 2급	직업상담|취업지원|상담|알선	04
`;

/** "H 10800 0.5 2350000", "M 3300000 0.1", "D 160000 0.8 3300000" → a wage profile. */
function wageOf(spec: string): WageProfile {
  const [type, ...n] = spec.split(' ');
  const [a = 0, b = 0, c = 0] = n.map(Number);
  if (type === 'H') return H(a, b, c);
  if (type === 'M') return M(a, b, c);
  return { D: a, M: c, mix: [0, b, 1 - b, 0] };
}

// Generic profile by KECO major group (first digit) for the occupations without a hand-written one.
const GENERIC: Record<string, { kind: string; ksic: string; wage: WageProfile; edu: string }> = {
  '0': { kind: 'office', ksic: '75|46|70', wage: M(3000000, 0.3, 40000000), edu: '04' },
  '1': { kind: 'it', ksic: '62|72|70', wage: M(3600000, 0.5, 45000000), edu: '05' },
  '2': { kind: 'edu', ksic: '85|87|71', wage: M(2800000), edu: '05' },
  '3': { kind: 'medical', ksic: '86', wage: M(3200000), edu: '04' },
  '4': { kind: 'office', ksic: '90|59|73', wage: M(2800000), edu: '04' },
  '5': { kind: 'food', ksic: '96|56|55', wage: H(10600, 0.5, 2400000), edu: '00' },
  '6': { kind: 'retail', ksic: '47|46|49', wage: M(2700000), edu: '00' },
  '7': { kind: 'build', ksic: '41|42', wage: { D: 170000, M: 3400000, mix: [0, 0.6, 0.4, 0] }, edu: '00' },
  '8': { kind: 'factory', ksic: '25|29|22|26', wage: M(2900000), edu: '00' },
  '9': { kind: 'factory', ksic: '01|03', wage: M(2500000), edu: '00' },
};

let cached:
  | { list: OccupationProfile[]; byCode: Map<string, OccupationProfile>; demand: Weighted<OccupationProfile> }
  | undefined;

/** Every detailed (level-4) occupation with its profile and the skewed demand distribution. */
export function occupations() {
  if (cached) return cached;
  const byCode = new Map<string, OccupationProfile>();
  const names = new Map(listCodes('occupations', { level: 4 }).map((c) => [c.code, c.name]));
  const split = (s: string) => (s ? s.split('|') : []);
  for (const row of RAW.trim().split('\n')) {
    const [
      code = '',
      weight,
      kind = '',
      ksic = '',
      wage = '',
      titles = '',
      duties = '',
      certs = '',
      kw = '',
      edu = '00',
    ] = row.split('\t');
    const name = names.get(code);
    if (!name) throw new Error(`demo occupation ${code} is not a KECO level-4 code`);
    const w = wageOf(wage);
    byCode.set(code, {
      code,
      name,
      weight: Number(weight),
      kind,
      ksic: split(ksic),
      wage: w,
      titles: split(titles),
      duties: split(duties),
      certs: certs === '-' ? [] : split(certs),
      keywords: split(kw),
      edu,
    });
  }
  for (const [code, name] of names) {
    if (byCode.has(code)) continue;
    const g = GENERIC[code[0] ?? '0'] ?? (GENERIC['0'] as (typeof GENERIC)[string]);
    const short = name.split(/[·,(]| 및 /)[0]?.trim() || name;
    byCode.set(code, {
      code,
      name,
      weight: 0.6,
      kind: g.kind,
      ksic: split(g.ksic),
      wage: g.wage,
      edu: g.edu,
      certs: [],
      titles: [`${short} 모집`, `${short} 채용(경력 우대)`, `${short} 구인(정규직)`],
      duties: [
        `${name} 관련 업무를 담당합니다.`,
        '관련 경력자를 우대하며 신입도 지원할 수 있습니다.',
        '근무 조건은 면접 시 협의합니다.',
        '4대보험에 가입하며 퇴직금을 지급합니다.',
      ],
      keywords: [short],
    });
  }
  const list = [...byCode.values()];
  cached = { list, byCode, demand: new Weighted(list.map((p) => [p, p.weight] as const)) };
  return cached;
}

/**
 * The demand among occupations that employers of a KSIC division post (the division is in the
 * occupation's `ksic` list), so a clinic posts nurses and carers, not welders; null when no
 * occupation names the division.
 */
const industryCache = new Map<string, Weighted<OccupationProfile> | null>();
export function demandInIndustry(ksic: string): Weighted<OccupationProfile> | null {
  const hit = industryCache.get(ksic);
  if (hit !== undefined) return hit;
  const fits = occupations().list.filter((p) => p.ksic.includes(ksic));
  const out = fits.length ? new Weighted(fits.map((p) => [p, p.weight] as const)) : null;
  industryCache.set(ksic, out);
  return out;
}

/** Related occupations for a seeker's second and third wishes: same minor group first. */
const relatedCache = new Map<string, string[]>();
export function relatedOccupations(code: string): string[] {
  const hit = relatedCache.get(code);
  if (hit) return hit;
  const { list } = occupations();
  const same = list
    .filter((p) => p.code !== code && p.code.slice(0, 3) === code.slice(0, 3))
    .map((p) => p.code);
  const out =
    same.length >= 2
      ? same
      : [
          ...same,
          ...list
            .filter((p) => p.code !== code && p.code.slice(0, 2) === code.slice(0, 2) && p.weight > 1)
            .map((p) => p.code),
        ];
  relatedCache.set(code, out);
  return out;
}

/** From this day on, demo records are entered in KECO 2025 (the edition 고용24 uses since 2025). */
export const KECO_2025_FROM = '2025-01-01';

/**
 * The codes and edition a demo record of `day` is stored with: records before 2025 keep their
 * KECO 2018 codes; later ones carry the linked KECO 2025 codes (the crosswalk's finer match),
 * unless one of them has no link yet — a record has one edition, so it then stays 2018, as a
 * record entered with an older form would.
 */
export function demoOccupationCodes(
  codes: readonly string[],
  day: string,
): { codes: string[]; edition: '2018' | '2025' } {
  if (day < KECO_2025_FROM) return { codes: [...codes], edition: '2018' };
  const mapped = codes.map((c) => mapOccupation(c, '2018')?.code);
  if (mapped.some((c) => c === undefined)) return { codes: [...codes], edition: '2018' };
  return { codes: [...new Set(mapped as string[])], edition: '2025' };
}
