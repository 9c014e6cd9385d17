import { describe, it, expect } from 'vitest';
import { maskAddress, maskEmail, maskPhone, maskResidentId } from './masking.ts';

describe('maskPhone', () => {
  it.each([
    ['+8613800138000', '138****8000'],
    ['13800138000', '138****8000'],
    ['138-0013-8000', '138****8000'],
    ['+86 138 0013 8000', '138****8000'],
    [' 13800138000 ', '138****8000'],
    ['+861012345678', '101***5678'],
    ['+12125550123', '212***0123'],
    ['+85221234567', '212*4567'],
    ['1234567', '*****67'],
    ['12345', '***45'],
    ['123', '*23'],
    ['12', '**'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it('never reveals the middle digits of a mainland mobile number', () => {
    expect(maskPhone('+8613912345678')).not.toContain('1234');
  });
});

describe('maskResidentId', () => {
  it.each([
    ['11010119900307123X', '110101********123X'],
    ['11010519491231002X', '110105********002X'],
    ['11010519491231002x', '110105********002X'],
    ['440524188001010014', '440524********0014'],
    ['110105491231002', '110105*****1002'], // legacy 15-digit ID
    ['1234567890', '**********'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(maskResidentId(input)).toBe(expected);
  });

  it('hides the birth date', () => {
    expect(maskResidentId('11010519491231002X')).not.toContain('19491231');
  });
});

describe('maskEmail', () => {
  it.each([
    ['zhangsan@example.com', 'z*******@example.com'],
    ['ZhangSan@Example.COM', 'Z*******@Example.COM'],
    ['ab@example.com', 'a*@example.com'],
    ['a@example.com', '*@example.com'],
    ['"a@b"@example.com', '"****@example.com'],
    ['张三丰@例子.中国', '张**@例子.中国'],
    ['😀abc@example.com', '😀***@example.com'],
    ['not-an-email', 'n***********'],
    ['@example.com', '@example.com'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });
});

describe('maskAddress', () => {
  it('keeps the first six characters (province, city, district) and hides the street', () => {
    expect(maskAddress('北京市朝阳区建国路88号1单元101')).toBe('北京市朝阳区' + '*'.repeat(12));
    expect(maskAddress('短地址')).toBe('***');
  });
});
