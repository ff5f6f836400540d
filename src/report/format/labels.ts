/** Column and heading labels of the report, Vietnamese by default. */
export type ReportLang = 'vi' | 'en';

const LABELS = {
  title: ['Báo cáo kết quả bồi dưỡng cán bộ, công chức', 'Training compliance report'],
  period: ['Kỳ báo cáo', 'Period'],
  generated: ['Ngày lập', 'Generated'],
  id: ['Mã học viên', 'Learner id'],
  name: ['Họ và tên', 'Full name'],
  position: ['Chức danh', 'Position'],
  unit: ['Đơn vị', 'Unit'],
  tier: ['Trình độ LLCT', 'Political theory tier'],
  periods: ['Số tiết đã học', 'Periods completed'],
  periodsRequired: ['Số tiết tối thiểu', 'Minimum periods'],
  courses: ['Khóa học', 'Courses'],
  certificates: ['Đủ điều kiện cấp chứng chỉ', 'Certificates'],
  mark: ['Điểm', 'Mark'],
  grade: ['Xếp loại', 'Grade'],
  result: ['Kết quả', 'Result'],
  reasons: ['Lý do', 'Reasons'],
  statements: ['Mã bản ghi xAPI', 'xAPI statement ids'],
  met: ['Đạt', 'Met'],
  notMet: ['Chưa đạt', 'Not met'],
  learners: ['Số học viên', 'Learners'],
  compliant: ['Số đạt chuẩn', 'Compliant'],
  compliantPercent: ['Tỷ lệ đạt (%)', 'Compliant (%)'],
  attendances: ['Số lượt bồi dưỡng', 'Attendances'],
  classes: ['Số lớp', 'Classes'],
  periodsTotal: ['Tổng số tiết', 'Total periods'],
  periodsAverage: ['Số tiết bình quân', 'Average periods'],
  byUnit: ['Theo đơn vị', 'By unit'],
  byPosition: ['Theo chức danh', 'By position'],
  perLearner: ['Chi tiết từng học viên', 'Per learner'],
  total: ['Tổng cộng', 'Total'],
  gradeChart: ['Phân bố xếp loại', 'Grade distribution'],
  unitChart: ['Tỷ lệ đạt chuẩn theo đơn vị', 'Compliance by unit'],
  positionChart: ['Số tiết bình quân theo chức danh', 'Average periods by position'],
  unknownActors: ['Người học có bản ghi nhưng không có trong danh sách học viên', 'Learners with statements but no roster row'],
  unknownPositions: ['Học viên có chức danh không có trong danh mục', 'Roster rows with unknown positions'],
  line: ['Dòng', 'Line'],
  statementCount: ['Số bản ghi', 'Statements'],
  none: ['Không có.', 'None.'],
  summary: ['Tổng hợp', 'Summary'],
  read: ['Bản ghi đã đọc', 'Statements read'],
  voided: ['Bản ghi bị hủy (voided)', 'Voided statements'],
  eligibleFor: ['Thuộc đối tượng được cử đi học', 'May be sent to'],
  knowledgeUpdating: ['Nhóm bồi dưỡng, cập nhật kiến thức', 'Knowledge-updating group'],
} as const;

export type LabelKey = keyof typeof LABELS;

export function label(key: LabelKey, lang: ReportLang): string {
  return LABELS[key][lang === 'en' ? 1 : 0];
}
