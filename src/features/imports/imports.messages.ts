import { defineMessages } from '../../platform/i18n/i18n.ts';

export const importMessages = defineMessages({
  'import.unknownKind': [
    '이 종류의 일괄 등록은 아직 지원하지 않습니다: {kind}',
    'Bulk import of this kind is not available: {kind}',
  ],
  'import.rejected': [
    '{count}개 행에 오류가 있어 파일 전체를 등록하지 않았습니다. 오류를 고치거나 partial=true로 올바른 행만 등록하세요.',
    '{count} row(s) have errors, so nothing was imported. Fix them, or use partial=true to import the valid rows.',
  ],
  'import.encoding': [
    '파일 인코딩을 해석할 수 없습니다(UTF-8 또는 CP949/EUC-KR).',
    'The file encoding could not be decoded (UTF-8 or CP949/EUC-KR expected).',
  ],
  'import.tooLarge': ['파일이 너무 큽니다(최대 {limit}MB).', 'The file is too large (at most {limit} MB).'],
  'import.tooManyRows': ['행이 너무 많습니다(최대 {limit}행).', 'Too many rows (at most {limit}).'],
  'import.empty': ['빈 파일입니다(머리글 행 필요).', 'The file is empty (a header line is required).'],
  'import.headerEmpty': ['머리글에 빈 열 이름이 있습니다.', 'The header has an empty column name.'],
  'import.headerDuplicate': ['머리글의 열 이름이 중복됩니다: {column}', 'Duplicate header column: {column}'],
  'import.unknownColumn': ['알 수 없는 열입니다.', 'Unknown column.'],
  'import.csvSyntax': ['CSV 형식 오류입니다({line}번째 줄 부근).', 'CSV syntax error (near line {line}).'],
  'import.cellCount': [
    '열 개수가 머리글과 다릅니다({count}개, 머리글 {expected}개).',
    'Number of cells differs from the header ({count}, header has {expected}).',
  ],
  'import.conflict': [
    '기존 데이터와 충돌하여 등록하지 못했습니다. 아무것도 저장되지 않았습니다.',
    'The import conflicts with existing data; nothing was saved.',
  ],
  'import.centreRequired': [
    '소속 센터가 있는 계정만 이 열로 구직자를 찾을 수 있습니다.',
    'Only an account with a centre can name seekers by this column.',
  ],
  'import.seekerNotFound': ['구직자를 찾을 수 없습니다.', 'No such seeker.'],
  'import.seekerRequired': [
    'seekerId 또는 seekerExternalId 중 하나가 필요합니다.',
    'Either seekerId or seekerExternalId is required.',
  ],
  'import.employerNotFound': ['구인기업을 찾을 수 없습니다.', 'No such employer.'],
  'import.employerRequired': [
    'employerId 또는 employerName 중 하나가 필요합니다.',
    'Either employerId or employerName is required.',
  ],
  'import.notAvailable': [
    '이 가져오기 기능은 아직 설치되지 않았습니다: {kind}',
    'This import is not available yet: {kind}',
  ],
});
