import { defineMessages } from '../../platform/i18n/i18n.ts';

export const importMessages = defineMessages({
  'import.notFound': ['일괄 등록 기록을 찾을 수 없습니다.', 'No such import.'],
  'import.unknownKind': [
    '이 종류의 일괄 등록은 아직 지원하지 않습니다: {kind}',
    'Bulk import of this kind is not available: {kind}',
  ],
  'import.rejected': [
    '{count}개 행에 오류가 있어 파일 전체를 등록하지 않았습니다. 오류를 고치거나 partial=true로 올바른 행만 등록하세요.',
    '{count} row(s) have errors, so nothing was imported. Fix them, or use partial=true to import the valid rows.',
  ],
  'import.encoding': [
    '파일 인코딩을 알 수 없습니다. UTF-8(BOM 유무 무관) 또는 CP949/EUC-KR로 저장하거나, encoding=utf-8 또는 encoding=euc-kr로 지정해 주세요.',
    'The file encoding could not be recognised. Save it as UTF-8 (with or without BOM) or CP949/EUC-KR, or declare it with encoding=utf-8 or encoding=euc-kr.',
  ],
  'import.encodingUnsupported': [
    '지원하지 않는 인코딩입니다: {encoding} (utf-8 또는 euc-kr/cp949).',
    'Unsupported encoding: {encoding} (utf-8 or euc-kr/cp949).',
  ],
  'import.nul': [
    '{row}행 {column} 열에 NUL 문자(U+0000)가 있습니다.',
    'Row {row}, column {column} contains a NUL character (U+0000).',
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
  'import.duplicateInFile': [
    '{row}행은 이 파일의 {first}행과 같은 취업(구직자·취업일·사업장)이 반복된 행입니다.',
    'Row {row} repeats row {first} of this file (same seeker, start date and employer).',
  ],
  'import.duplicateExisting': [
    '{row}행은 이미 등록된 취업 기록(id: {existingId})과 같은 취업(구직자·취업일·사업장)입니다.',
    'Row {row} repeats an employment already recorded (id: {existingId}; same seeker, start date and employer).',
  ],
  'import.rowRefusedDuplicate': [
    '{row}행은 이미 있는 데이터와 겹쳐 저장하지 못했습니다. 다른 사용자가 같은 내용을 방금 등록했을 수 있습니다.',
    'Row {row} was not saved: it collides with existing data, possibly saved by another user a moment ago.',
  ],
  'import.rowRefusedReference': [
    '{row}행이 가리키는 데이터(구직자·기업·공고 등)가 없거나 방금 삭제되어 저장하지 못했습니다.',
    'Row {row} was not saved: a record it refers to (seeker, employer, posting …) does not exist or was just deleted.',
  ],
  'import.rowRefusedConcurrent': [
    '{row}행은 동시에 진행된 다른 작업과 충돌하여 저장하지 못했습니다. 이 행만 다시 올려 주세요.',
    'Row {row} was not saved: it clashed with work done at the same moment. Upload this row again.',
  ],
  'import.rowRefusedValue': [
    '{row}행은 데이터베이스가 허용하지 않는 값이 있어 저장하지 못했습니다(오류 코드 {code}).',
    'Row {row} was not saved: the database refused one of its values (error code {code}).',
  ],
  'import.notAvailable': [
    '이 가져오기 기능은 아직 설치되지 않았습니다: {kind}',
    'This import is not available yet: {kind}',
  ],
});
